package dev.herald.ts;

import java.util.List;
import java.util.Map;

/** A TypeScript value expression in a {@code const}. */
public sealed interface TsValue {
    record StringValue(String value) implements TsValue {}

    /** An object literal; entries keep their order, keys are quoted when not identifiers. */
    record ObjectValue(Map<String, TsValue> entries) implements TsValue {}

    record ArrayValue(List<TsValue> elements) implements TsValue {
        public ArrayValue {
            elements = List.copyOf(elements);
        }
    }
}
