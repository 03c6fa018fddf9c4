package dev.herald.ts;

import java.util.regex.Pattern;

/**
 * TypeScript literals: string literals and property names as written. A leaf that the TypeScript
 * model ({@link TsType}) and the writer ({@link TsWriter}) both use, so that neither calls back into
 * the other.
 */
public final class TsLiterals {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private TsLiterals() {}

    /** A property name as written: bare when it is an identifier, quoted otherwise. */
    public static String propertyName(String name) {
        return IDENTIFIER.matcher(name).matches() ? name : quote(name);
    }

    /** A double-quoted string literal with JSON escapes (and U+2028/9, which older JS rejects). */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
