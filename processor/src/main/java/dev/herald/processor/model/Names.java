package dev.herald.processor.model;

import java.util.Locale;
import java.util.Map;

/** Naming rules shared by the Java and TypeScript output. */
public final class Names {
    private Names() {}

    /**
     * Upper snake case: dots, dashes, underscores and camel humps become {@code _}; an upper-case run
     * stays one word ({@code fs.HTTPServer} gives {@code FS_HTTP_SERVER}).
     */
    public static String constantName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '-' || c == '_' || c == '$') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                char previous = name.charAt(i - 1);
                boolean next = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(previous)
                        || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && next)) {
                    out.append('_');
                }
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * How a group is spelled in hook names: the {@code herald.ts.groupNames} override, or its words
     * capitalised ({@code fs} gives {@code Fs}, {@code my-group} gives {@code MyGroup}).
     */
    public static String groupSpelling(String group, Map<String, String> overrides) {
        String override = overrides.get(group);
        if (override != null) {
            return override;
        }
        StringBuilder out = new StringBuilder();
        for (String word : group.split("[-_]")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    /** {@code assetId} gives {@code ASSET_ID}. */
    public static String upperSnake(String javaName) {
        return constantName(javaName);
    }
}
