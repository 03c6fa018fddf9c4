package dev.herald.processor.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every runtime helper and element codec the processor can name exists, public and static, with
 * the types the generated code needs.
 */
class SupportCallsTest {
    @Test
    void everyHelperTheProcessorNames_existsInTheRuntime_withItsSignature() throws ClassNotFoundException {
        List<SupportCalls.Signature> table = SupportCalls.all();
        assertThat(table).hasSizeGreaterThan(50);
        for (SupportCalls.Signature signature : table) {
            Class<?> owner = Class.forName(signature.call().owner().reflectionName());
            List<Method> matches = Arrays.stream(owner.getMethods())
                    .filter(m -> m.getName().equals(signature.call().name()))
                    .filter(m -> Modifier.isStatic(m.getModifiers()))
                    .filter(m -> m.getReturnType().getTypeName().equals(signature.returns()))
                    .filter(m -> Arrays.stream(m.getParameterTypes())
                            .map(Class::getTypeName)
                            .toList()
                            .equals(signature.parameters()))
                    .toList();
            assertThat(matches).as("%s", signature).hasSize(1);
        }
    }

    @Test
    void everyElementCodecTheProcessorNames_isAPublicConstantOfItsType() throws Exception {
        List<SupportCalls.ConstantSignature> table = SupportCalls.constants();
        assertThat(table).hasSize(25);
        for (SupportCalls.ConstantSignature signature : table) {
            Class<?> owner = Class.forName(signature.constant().owner().reflectionName());
            Field field = owner.getField(signature.constant().name());
            assertThat(field.getModifiers() & (Modifier.STATIC | Modifier.FINAL))
                    .as("%s", signature)
                    .isEqualTo(Modifier.STATIC | Modifier.FINAL);
            assertThat(field.getGenericType().getTypeName()).as("%s", signature).isEqualTo(signature.type());
            assertThat(field.get(null)).as("%s", signature).isNotNull();
        }
    }
}
