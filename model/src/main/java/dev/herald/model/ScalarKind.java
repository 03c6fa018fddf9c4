package dev.herald.model;

import java.util.Locale;

/** The leaf types with a fixed JSON form (docs/ARCHITECTURE.md, Type mapping), as {@code model.json} names them. */
public enum ScalarKind {
    BOOLEAN,
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    CHAR,
    STRING,
    UUID,
    BIG_DECIMAL,
    BIG_INTEGER,
    INSTANT,
    OFFSET_DATE_TIME,
    LOCAL_DATE,
    LOCAL_DATE_TIME,
    DURATION;

    public boolean isNumber() {
        return switch (this) {
            case BYTE, SHORT, INT, LONG, FLOAT, DOUBLE -> true;
            default -> false;
        };
    }

    /** The name in {@code model.json}: {@code bigDecimal}, {@code offsetDateTime}. */
    public String jsonName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return out.toString();
    }

    /** The kind {@link #jsonName()} gives, or {@code null}. */
    public static ScalarKind fromJsonName(String name) {
        for (ScalarKind kind : values()) {
            if (kind.jsonName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
