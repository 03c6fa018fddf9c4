package dev.herald.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One generated Java file, written as text in a single pass: the codecs are hundreds of small files
 * a build compiles cold, where JavaPoet's two rendering passes were a tenth of the compilation
 * (issue 13). Names are resolved as they are written: the first type to use a simple name gets it
 * (imported unless it is in {@code java.lang} or this package), later ones with the same simple
 * name are written qualified. JavaPoet's type names serve as the vocabulary.
 */
final class JavaSource {
    private static final String INDENT = "    ";

    private final String packageName;
    /** Each claimed simple name (of a top-level class) and the class that holds it. */
    private final Map<String, ClassName> claimed = new HashMap<>();

    private final TreeSet<String> imports = new TreeSet<>();
    private final StringBuilder body = new StringBuilder(4096);
    private int depth;

    /** @param self the class this file declares: its simple name is taken before any import. */
    JavaSource(ClassName self) {
        this.packageName = self.packageName();
        claimed.put(self.simpleName(), self);
    }

    /** How {@code type} is written here: its simple name (imported when needed) or its qualified name. */
    String name(ClassName type) {
        ClassName top = type.topLevelClassName();
        ClassName owner = claimed.putIfAbsent(top.simpleName(), top);
        if (owner != null && !owner.equals(top)) {
            return type.canonicalName();
        }
        if (owner == null
                && !top.packageName().equals(packageName)
                && !top.packageName().equals("java.lang")) {
            imports.add(top.canonicalName());
        }
        return String.join(".", type.simpleNames());
    }

    /** A type as written here: {@code List<Map<String, Instant>>}, {@code int[]}. */
    String type(TypeName type) {
        if (type instanceof ClassName className) {
            return name(className);
        }
        if (type instanceof ParameterizedTypeName parameterized) {
            return name(parameterized.rawType())
                    + parameterized.typeArguments().stream()
                            .map(this::type)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof ArrayTypeName array) {
            return type(array.componentType()) + "[]";
        }
        return type.toString(); // a primitive keyword
    }

    /** {@code text} as a Java string literal. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A line at the current indentation; empty text gives an empty line. */
    JavaSource line(String text) {
        if (!text.isEmpty()) {
            body.append(INDENT.repeat(depth)).append(text);
        }
        body.append('\n');
        return this;
    }

    /** {@code text {}, then one level deeper. */
    JavaSource open(String text) {
        line(text + " {");
        depth++;
        return this;
    }

    /** One level out, then {@code }}. */
    JavaSource close() {
        depth--;
        return line("}");
    }

    /** One level out, {@code } text {}, and in again: {@code } catch (E e) {}. */
    JavaSource reopen(String text) {
        depth--;
        line("} " + text + " {");
        depth++;
        return this;
    }

    /** The file: its comment, package, imports, then what was written. */
    String file(String comment) {
        StringBuilder out = new StringBuilder(body.length() + 64 * imports.size() + 200);
        out.append("// ").append(comment).append('\n');
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        for (String name : imports) {
            out.append("import ").append(name).append(";\n");
        }
        if (!imports.isEmpty()) {
            out.append('\n');
        }
        return out.append(body).toString();
    }
}
