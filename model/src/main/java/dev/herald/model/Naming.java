package dev.herald.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Naming rules shared by the Java catalog, the TypeScript output and every tool that reads the model. */
public final class Naming {
    /** An HTML paragraph tag and the blanks around it: JSDoc's paragraphs are blank lines. */
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)\\s*<p>\\s*");

    /**
     * Names no payload type may take in {@code events.ts}: those it exports itself, and TypeScript's
     * {@code Record} and {@code Partial}, which it uses for maps (an interface of that name would
     * hide them).
     */
    public static final Set<String> TS_RESERVED_NAMES = Set.of(
            "Events", "EventName", "EventPayloads", "EventMessage", "EventGroups", "EventKeys", "Record", "Partial");

    private Naming() {}

    /** The part of an event name before the first dot (empty when there is none). */
    public static String group(String eventName) {
        int dot = eventName.indexOf('.');
        return dot < 0 ? "" : eventName.substring(0, dot);
    }

    /** Event names by group, both sorted. */
    public static Map<String, List<String>> groups(Collection<String> eventNames) {
        Map<String, List<String>> groups = new TreeMap<>();
        for (String name : eventNames) {
            groups.computeIfAbsent(group(name), g -> new ArrayList<>()).add(name);
        }
        groups.values().forEach(names -> names.sort(String::compareTo));
        return groups;
    }

    /**
     * Upper snake case: dots, dashes, underscores and camel humps become {@code _}; an upper-case run
     * stays one word ({@code fs.HTTPServer} gives {@code FS_HTTP_SERVER}, {@code assetId} gives
     * {@code ASSET_ID}).
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

    /** Whether {@code spelling} can spell a group in hook names: a letter, then letters, digits or {@code _}. */
    public static boolean isGroupSpelling(String spelling) {
        return spelling.matches("[A-Za-z][A-Za-z0-9_]*");
    }

    /**
     * How a group is spelled in hook names: the {@code groupNames} override, or its words capitalised
     * ({@code fs} gives {@code Fs}, {@code my-group} gives {@code MyGroup}).
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

    /**
     * The package of the default catalog ({@code Events}) of events in {@code packages}: the longest
     * package that all of them are in ({@code com.acme} for {@code com.acme.files} and {@code
     * com.acme.tasks}); empty when they share none, unless they are all in the unnamed package.
     */
    public static Optional<String> catalogPackage(Collection<String> packages) {
        String common = null;
        for (String pkg : new TreeSet<>(packages)) {
            common = common == null ? pkg : commonPackage(common, pkg);
        }
        if (common == null || (common.isEmpty() && !packages.stream().allMatch(String::isEmpty))) {
            return Optional.empty();
        }
        return Optional.of(common);
    }

    private static String commonPackage(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        StringBuilder common = new StringBuilder();
        for (int i = 0; i < Math.min(left.length, right.length) && left[i].equals(right[i]); i++) {
            common.append(common.length() == 0 ? "" : ".").append(left[i]);
        }
        return common.toString();
    }

    /**
     * The spelling of the generic hooks the generated ones call ({@code useGroupRefresh}, {@code
     * useOnGroupChange}, {@code useInvalidateOnGroupChange}), which no group may take.
     */
    public static final String RUNTIME_SPELLING = "Group";

    /**
     * Two groups whose hooks would have one name: {@code useFooRefresh} twice; {@code first} is null
     * when the generic hooks have the name ({@link #RUNTIME_SPELLING}).
     */
    public record SpellingClash(String first, String second, String spelling) {}

    /**
     * The groups that {@code overrides} (or capitalisation) spell like an earlier one or like the
     * generic hooks, in group order.
     */
    public static List<SpellingClash> spellingClashes(Collection<String> eventNames, Map<String, String> overrides) {
        List<SpellingClash> clashes = new ArrayList<>();
        Map<String, String> bySpelling = new TreeMap<>();
        for (String group : groups(eventNames).keySet()) {
            String spelling = groupSpelling(group, overrides);
            if (spelling.equals(RUNTIME_SPELLING)) {
                clashes.add(new SpellingClash(null, group, spelling));
                continue;
            }
            String earlier = bySpelling.putIfAbsent(spelling, group);
            if (earlier != null) {
                clashes.add(new SpellingClash(earlier, group, spelling));
            }
        }
        return clashes;
    }

    /**
     * Javadoc in JSDoc's (and Markdown's) terms: {@code {@code x}} and {@code {@literal x}} become
     * {@code `x`} (braces inside balanced, as Javadoc reads them), links their target, paragraphs
     * blank lines.
     */
    public static String docFromJavadoc(String javadoc) {
        StringBuilder out = new StringBuilder(javadoc.length());
        int i = 0;
        while (i < javadoc.length()) {
            int tag = javadoc.indexOf("{@", i);
            if (tag < 0) {
                out.append(javadoc, i, javadoc.length());
                break;
            }
            out.append(javadoc, i, tag);
            int end = closingBrace(javadoc, tag);
            if (end < 0) {
                out.append(javadoc, tag, javadoc.length());
                break;
            }
            out.append(inlineTag(javadoc.substring(tag + 2, end)));
            i = end + 1;
        }
        return PARAGRAPH.matcher(out).replaceAll("\n\n").strip();
    }

    /** The index of the brace that closes the one at {@code open}, or -1. */
    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code code x} gives {@code `x`}, {@code link Type#member label} gives {@code Type#member}. */
    private static String inlineTag(String body) {
        int space = body.indexOf(' ');
        String name = space < 0 ? body : body.substring(0, space);
        String text = space < 0 ? "" : body.substring(space + 1);
        return switch (name) {
            case "code", "literal" -> "`" + text + "`";
            case "link", "linkplain" -> text.strip().split("\\s+", 2)[0];
            default -> text.isEmpty() ? "" : text;
        };
    }
}
