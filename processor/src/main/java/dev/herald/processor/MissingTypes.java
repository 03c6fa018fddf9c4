package dev.herald.processor;

import dev.herald.processor.model.ComponentModel;
import dev.herald.processor.model.EventModel;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.model.TypeRef;
import java.util.HashSet;
import java.util.Set;

/** Finds the name of a type that is still missing from a deferred event, for the final error. */
final class MissingTypes {
    private MissingTypes() {}

    static String describe(EventModel event) {
        String found = inRecord(event.record(), new HashSet<>());
        return found == null ? "(unknown)" : found;
    }

    private static String inRecord(RecordModel record, Set<RecordModel> seen) {
        if (!seen.add(record)) {
            return null;
        }
        for (ComponentModel component : record.components()) {
            String found = inType(component.type(), seen);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String inType(TypeRef type, Set<RecordModel> seen) {
        if (type instanceof TypeRef.Missing missing) {
            return missing.type();
        }
        if (type instanceof TypeRef.Sequence sequence) {
            return inType(sequence.element(), seen);
        }
        if (type instanceof TypeRef.OptionalRef optional) {
            return inType(optional.value(), seen);
        }
        if (type instanceof TypeRef.MapRef map) {
            return inType(map.value(), seen);
        }
        if (type instanceof TypeRef.RecordRef recordRef) {
            return inRecord(recordRef.model(), seen);
        }
        return null;
    }
}
