package dev.herald.processor.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import org.junit.jupiter.api.Test;

class JavaSourceTest {
    private final JavaSource source = new JavaSource(ClassName.get("com.acme", "ThingJsonCodec"));

    @Test
    void theFirstTypeToUseASimpleNameGetsIt_laterOnesAreQualified() {
        assertThat(source.name(ClassName.get("com.acme", "Scalars"))).isEqualTo("Scalars");
        assertThat(source.name(ClassName.get("dev.herald.runtime.json", "Scalars")))
                .isEqualTo("dev.herald.runtime.json.Scalars");
        assertThat(source.name(ClassName.get("com.other", "ThingJsonCodec"))).isEqualTo("com.other.ThingJsonCodec");
        assertThat(source.name(ClassName.get("java.util", "List"))).isEqualTo("List");
        assertThat(source.name(ClassName.get("java.lang", "String"))).isEqualTo("String");
        assertThat(source.name(ClassName.get("com.other", "String"))).isEqualTo("com.other.String");
        assertThat(source.name(ClassName.get("com.other", "Outer", "Inner"))).isEqualTo("Outer.Inner");

        assertThat(source.line("x();").file("Generated."))
                .isEqualTo(
                        "// Generated.\npackage com.acme;\n\nimport com.other.Outer;\nimport java.util.List;\n\nx();\n");
    }

    @Test
    void typesWithArgumentsAndArrays() {
        TypeName type = ParameterizedTypeName.get(
                ClassName.get("java.util", "Map"),
                ClassName.get(String.class),
                ArrayTypeName.of(ParameterizedTypeName.get(ClassName.get("java.util", "List"), TypeName.INT.box())));

        assertThat(source.type(type)).isEqualTo("Map<String, List<Integer>[]>");
        assertThat(source.type(ArrayTypeName.of(TypeName.BYTE))).isEqualTo("byte[]");
    }

    @Test
    void literalsEscapeWhatJavaNeeds() {
        assertThat(JavaSource.literal("a\"b\\c\nd\te\u0001é€")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001é€\"");
    }

    @Test
    void blocksIndentByFourSpaces() {
        source.open("class X")
                .open("void f()")
                .line("g();")
                .reopen("finally")
                .line("h();")
                .close()
                .close();

        assertThat(source.file("c"))
                .endsWith("class X {\n    void f() {\n        g();\n    } finally {\n        h();\n    }\n}\n");
    }
}
