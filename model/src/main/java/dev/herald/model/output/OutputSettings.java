package dev.herald.model.output;

import dev.herald.model.Naming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the generated frontend output looks, whoever asks for it: the processor's {@code -A} options
 * and {@code herald:generate}'s parameters both end here, so there is one set of checks. A value that
 * cannot be used is an {@link Invalid} naming the setting, which each front end words its own way
 * (an error on the option, a failed goal).
 *
 * @param groupNames group to its spelling in hook names ({@code fs=FS}); spellings are stripped
 * @param react whether to write {@code event_hooks.ts}
 * @param tanstack whether to write {@code event_query.ts}, which builds on the hooks
 * @param asyncApiTitle the document's title, {@code null} (or blank) for the catalog's name
 * @param asyncApiVersion the document's version, {@code null} (or blank) for {@link #DEFAULT_VERSION}
 * @param asyncApiPath the endpoint's path, {@code null} (or blank) for {@link #DEFAULT_PATH}
 */
public record OutputSettings(
        Map<String, String> groupNames,
        boolean react,
        boolean tanstack,
        String asyncApiTitle,
        String asyncApiVersion,
        String asyncApiPath) {
    /** The endpoint's default path, which every transport's builder starts from. */
    public static final String DEFAULT_PATH = "/api/events/ws";

    public static final String DEFAULT_VERSION = "1.0.0";

    /** Why {@code tanstack} without {@code react} is refused. */
    public static final String TANSTACK_NEEDS_REACT = "event_query.ts builds on event_hooks.ts";

    /** Why a path is refused. */
    public static final String PATH_NEEDS_SLASH = "must start with '/'";

    /** Why a group's spelling is refused. */
    public static final String SPELLING_RULE = "a spelling is a letter, then letters, digits or '_'";

    /** The settings of a compilation without options. */
    public static final OutputSettings DEFAULTS = new OutputSettings(Map.of(), true, false, null, null, null);

    /** The setting a value was refused for. */
    public enum Setting {
        GROUP_NAMES,
        TANSTACK,
        ASYNCAPI_PATH
    }

    /** A value that cannot be used: which setting, the value as given, and why. */
    public static final class Invalid extends IllegalArgumentException {
        private final Setting setting;
        private final String key;
        private final String value;
        private final String reason;

        Invalid(Setting setting, String key, String value, String reason) {
            super(setting + (key == null ? "" : " " + key) + " \"" + value + "\": " + reason);
            this.setting = setting;
            this.key = key;
            this.value = value;
            this.reason = reason;
        }

        public Setting setting() {
            return setting;
        }

        /** The group, for {@link Setting#GROUP_NAMES}; {@code null} otherwise. */
        public String key() {
            return key;
        }

        public String value() {
            return value;
        }

        public String reason() {
            return reason;
        }
    }

    public OutputSettings {
        Map<String, String> spellings = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : groupNames.entrySet()) {
            String spelling = entry.getValue() == null ? "" : entry.getValue().strip();
            if (!Naming.isGroupSpelling(spelling)) {
                throw new Invalid(Setting.GROUP_NAMES, entry.getKey(), spelling, SPELLING_RULE);
            }
            spellings.put(entry.getKey(), spelling);
        }
        groupNames = Collections.unmodifiableMap(spellings);
        if (tanstack && !react) {
            throw new Invalid(Setting.TANSTACK, null, "true", TANSTACK_NEEDS_REACT);
        }
        asyncApiTitle = blankToNull(asyncApiTitle);
        asyncApiVersion = blankToNull(asyncApiVersion) == null ? DEFAULT_VERSION : asyncApiVersion.strip();
        String path = blankToNull(asyncApiPath);
        if (path != null && !path.startsWith("/")) {
            throw new Invalid(Setting.ASYNCAPI_PATH, null, asyncApiPath, PATH_NEEDS_SLASH);
        }
        asyncApiPath = path == null ? DEFAULT_PATH : path;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
