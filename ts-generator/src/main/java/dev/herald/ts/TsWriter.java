package dev.herald.ts;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link TsModule} the way a TypeScript developer formats by hand (Prettier's defaults):
 * two-space indent, double quotes, semicolons, trailing commas in multi-line lists, lines up to 100
 * columns. Same model, same bytes.
 */
public final class TsWriter {
    private static final int WIDTH = 100;

    private TsWriter() {}

    public static String write(TsModule module) {
        StringBuilder out = new StringBuilder();
        for (String line : module.header()) {
            out.append("// ").append(line).append('\n');
        }
        for (TsDeclaration declaration : module.declarations()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            declaration(out, declaration);
        }
        return out.toString();
    }

    private static void declaration(StringBuilder out, TsDeclaration declaration) {
        if (declaration instanceof TsDeclaration.Interface type) {
            doc(out, type.doc(), "");
            out.append("export interface ").append(type.name()).append(" {");
            if (type.properties().isEmpty()) {
                out.append("}\n");
                return;
            }
            out.append('\n');
            for (TsDeclaration.Property property : type.properties()) {
                doc(out, property.doc(), "  ");
                out.append("  ")
                        .append(property.readonly() ? "readonly " : "")
                        .append(TsLiterals.propertyName(property.name()))
                        .append(property.optional() ? "?: " : ": ")
                        .append(property.type().render())
                        .append(";\n");
            }
            out.append("}\n");
        } else if (declaration instanceof TsDeclaration.TypeAlias alias) {
            doc(out, alias.doc(), "");
            String line = "export type " + alias.name() + " = " + alias.type().render() + ";";
            if (line.length() <= WIDTH || !(alias.type() instanceof TsType.Union union)) {
                out.append(line).append('\n');
            } else {
                out.append("export type ").append(alias.name()).append(" =\n");
                for (TsType member : union.members()) {
                    out.append("  | ").append(member.render()).append('\n');
                }
                out.setLength(out.length() - 1);
                out.append(";\n");
            }
        } else if (declaration instanceof TsDeclaration.Const constant) {
            doc(out, constant.doc(), "");
            out.append("export const ").append(constant.name()).append(" = ");
            value(out, constant.value(), "");
            out.append(constant.asConst() ? " as const;\n" : ";\n");
        } else if (declaration instanceof TsDeclaration.Function function) {
            function(out, function);
        } else if (declaration instanceof TsDeclaration.Section section) {
            out.append("// ---- ").append(section.title()).append(" ----\n");
        } else if (declaration instanceof TsDeclaration.Raw raw) {
            out.append(raw.text());
            if (!raw.text().endsWith("\n")) {
                out.append('\n');
            }
        }
    }

    private static void function(StringBuilder out, TsDeclaration.Function function) {
        doc(out, function.doc(), "");
        String typeParameters =
                function.typeParameters().isEmpty() ? "" : "<" + String.join(", ", function.typeParameters()) + ">";
        List<String> parameters = function.parameters().stream()
                .map(p -> p.name()
                        + (p.optional() ? "?: " : ": ")
                        + p.type()
                        + (p.initializer() == null ? "" : " = " + p.initializer()))
                .toList();
        String start = "export function " + function.name() + typeParameters + "(";
        String end = "): " + function.returnType() + " {";
        String oneLine = start + String.join(", ", parameters) + end;
        if (oneLine.length() <= WIDTH) {
            out.append(oneLine).append('\n');
        } else {
            out.append(start).append('\n');
            for (String parameter : parameters) {
                out.append("  ").append(parameter).append(",\n");
            }
            out.append(end).append('\n');
        }
        for (String line : function.body()) {
            out.append(line.isEmpty() ? "" : "  " + line).append('\n');
        }
        out.append("}\n");
    }

    private static void value(StringBuilder out, TsValue value, String indent) {
        if (value instanceof TsValue.StringValue string) {
            out.append(TsLiterals.quote(string.value()));
        } else if (value instanceof TsValue.ArrayValue array) {
            String inline = array.elements().stream().map(TsWriter::inline).collect(Collectors.joining(", ", "[", "]"));
            if (inline.length() + indent.length() <= WIDTH - 10
                    || array.elements().isEmpty()) {
                out.append(inline);
            } else {
                out.append("[\n");
                for (TsValue element : array.elements()) {
                    out.append(indent).append("  ");
                    value(out, element, indent + "  ");
                    out.append(",\n");
                }
                out.append(indent).append(']');
            }
        } else if (value instanceof TsValue.ObjectValue object) {
            if (object.entries().isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (Map.Entry<String, TsValue> entry : object.entries().entrySet()) {
                out.append(indent)
                        .append("  ")
                        .append(TsLiterals.propertyName(entry.getKey()))
                        .append(": ");
                value(out, entry.getValue(), indent + "  ");
                out.append(",\n");
            }
            out.append(indent).append('}');
        }
    }

    private static String inline(TsValue value) {
        StringBuilder out = new StringBuilder();
        value(out, value, "");
        return out.toString();
    }

    private static void doc(StringBuilder out, String doc, String indent) {
        if (doc == null || doc.isBlank()) {
            return;
        }
        List<String> lines =
                doc.strip().replace("*/", "*\\/").lines().map(String::strip).toList();
        if (lines.size() == 1 && indent.length() + lines.get(0).length() + 7 <= WIDTH) {
            out.append(indent).append("/** ").append(lines.get(0)).append(" */\n");
            return;
        }
        out.append(indent).append("/**\n");
        for (String line : lines) {
            out.append(indent).append(line.isEmpty() ? " *" : " * " + line).append('\n');
        }
        out.append(indent).append(" */\n");
    }
}
