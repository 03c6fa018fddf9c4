package dev.herald.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Naming rules shared by the Java and TypeScript output. */
public final class Names {
    /** Names {@code events.ts} exports itself, which no payload type may take. */
    public static final Set<String> TS_RESERVED_NAMES =
            Set.of("Events", "EventName", "EventPayloads", "EventMessage", "EventGroups", "EventKeys");

    private Names() {}

    /** Event names by group, both sorted. */
    public static Map<String, List<String>> groups(List<EventModel> events) {
        Map<String, List<String>> groups = new TreeMap<>();
        for (EventModel event : events) {
            groups.computeIfAbsent(event.group(), g -> new ArrayList<>()).add(event.name());
        }
        groups.values().forEach(names -> names.sort(String::compareTo));
        return groups;
    }

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
