package dev.herald.processor.diagnostics;

import javax.tools.Diagnostic;

/** Every diagnostic the processor reports: a format string and its kind. */
public enum HeraldMessage {
    EVENT_NOT_RECORD(
            "@Event goes on a record, but %s is a %s. Declare it as `record %s(...)`: events are immutable values."),
    EVENT_GENERIC("Event record %s must not be generic: the wire format has no type parameters. Remove <%s>."),
    EVENT_PRIVATE("Event record %s must not be private: the generated catalog and codec refer to it. Make it public."),
    TYPE_PRIVATE("%s is private, but the generated codec of %s refers to it. Make it package-private or public."),
    EVENT_LOCAL(
            "Event record %s is declared inside a method. Move it to the top level or make it a static nested record."),
    EVENT_ENCLOSING_PRIVATE(
            "Event record %s is nested in private type %s, which generated code cannot reach. Make %s non-private."),
    EVENT_NAME_INVALID(
            "Invalid event name \"%s\": %s. Use dot-separated segments that each start with a letter and continue"
                    + " with letters, digits, '_' or '-', with at least one dot, for example \"fs.created\"."),
    EVENT_NAME_RESERVED(
            "Event name \"%s\" is reserved: names starting with '$' are protocol control frames. Choose a name"
                    + " such as \"fs.created\"."),
    EVENT_NAME_DUPLICATE("Event name \"%s\" is declared by both %s and %s. Give each event its own name."),
    EVENT_KEY_DUPLICATE(
            "%s has @EventKey on both %s and %s. An event has at most one key: keep it on the component that"
                    + " scopes the event (the asset id)."),
    EVENT_KEY_TYPE("@EventKey component %s has type %s. A key must be a string, number, boolean, UUID or enum, so that"
            + " clients can compare it."),
    EVENT_KEY_IGNORED("@EventKey component %s is also @JsonIgnore, so clients never see it. Remove one of the two."),
    COMPONENT_TYPE_UNSUPPORTED(
            "Component %s of %s has unsupported type %s: %s. Supported: boolean, byte, short, int, long,"
                    + " float, double and their boxes, char, String, UUID, BigDecimal, BigInteger, Instant, OffsetDateTime,"
                    + " LocalDate, LocalDateTime, Duration, enums, records, List<T>, Set<T>, T[], Map<String, V>, Map<Enum, V>,"
                    + " Optional<T>."),
    COMPONENT_JSON_NAME_DUPLICATE(
            "Components %s and %s of %s both have the JSON name \"%s\". Rename one with @JsonProperty."),
    JACKSON_NOT_APPLIED("%s has @%s, which Herald does not apply: %s, while Herald's codec and TypeScript would"
            + " not. Remove it, or keep a separate class for Jackson; Herald follows @JsonProperty, @JsonGetter and"
            + " @JsonIgnore."),
    JACKSON_IGNORED_PROPERTIES("@JsonIgnoreProperties on %s leaves %s out of Jackson's JSON, which Herald does not"
            + " apply. Put @JsonIgnore on those components instead."),
    JACKSON_ORDER("@JsonPropertyOrder on %s makes Jackson write %s, but Herald writes the components in their"
            + " declared order (%s). Declare them in the order you want and remove the annotation."),
    JACKSON_GETTER(
            "%s.%s() is a property to Jackson, which writes it as \"%s\" beside the components; Herald"
                    + " writes only the components. Annotate it with @JsonIgnore (Jackson then leaves it out too) or rename it."),
    JACKSON_ENUM_VALUE("Enum %s has @%s on %s, but Herald needs each constant's JSON name when it compiles (the"
            + " TypeScript type lists them). Put @JsonProperty(\"...\") on each constant instead."),
    ENUM_JSON_NAME_DUPLICATE(
            "Constants %s and %s of %s both have the JSON name \"%s\". Give each its own with @JsonProperty."),
    TYPE_NOT_ACCESSIBLE(
            "%s is not public, but the catalog %s is in another package and must refer to it. Make it public"
                    + " or move the catalog with -Aherald.catalog."),
    CONSTANT_COLLISION("Event names \"%s\" and \"%s\" both give the constant %s. Rename one of the events."),
    TS_NAME_COLLISION("%s and %s both become the TypeScript type %s. Rename one of them."),
    TS_NAME_RESERVED("%s becomes the TypeScript type %s, a name events.ts already uses (its exports, and"
            + " TypeScript's Record and Partial). Rename the record or enum."),
    HOOK_NAME_RESERVED("Group \"%s\" gives the hook names use%sRefresh/useOn%sChange, which Herald's generic hooks"
            + " already have. Spell it differently with -Aherald.ts.groupNames (%s=%sEvents, say)."),
    HOOK_NAME_COLLISION("Groups \"%s\" and \"%s\" both give the hook names use%sRefresh/useOn%sChange. Spell one"
            + " differently with -Aherald.ts.groupNames."),
    CATALOG_TOO_LARGE(
            "This compilation declares %d events, and one catalog class holds at most %d (javac limits a"
                    + " class's initializer to 64 KiB of bytecode). Split the events across modules; each gets its own catalog."),
    CATALOG_NAME_TAKEN("The catalog would be %s, a class this project already has. Name the catalog with"
            + " -Aherald.catalog=%s, or rename that class."),
    CATALOG_NO_PACKAGE("Events in packages %s share no common package, so the catalog has no home. Name it with"
            + " -Aherald.catalog=com.example.AppEvents."),
    OPTION_INVALID("Option -A%s=%s is invalid: %s."),
    EVENT_AFTER_CATALOG("Event record %s was generated by another annotation processor after Herald wrote the catalog"
            + " %s from the events declared in source. Declare the event in source, or generate it from a step that"
            + " runs before javac."),
    MISSING_TYPE("Herald could not generate code for %s because type %s does not exist. Check the import, or the"
            + " processor that should generate it."),
    WRITE_FAILED("Herald could not write %s: %s"),
    INTERNAL_ERROR("Herald processor failed on %s (this is a bug in Herald; please report it with this trace): %s");

    private final String format;
    private final Diagnostic.Kind kind;

    HeraldMessage(String format) {
        this(format, Diagnostic.Kind.ERROR);
    }

    HeraldMessage(String format, Diagnostic.Kind kind) {
        this.format = format;
        this.kind = kind;
    }

    public String format(Object... args) {
        return String.format(format, args);
    }

    public Diagnostic.Kind kind() {
        return kind;
    }
}
