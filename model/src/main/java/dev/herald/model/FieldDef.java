package dev.herald.model;

/**
 * One field of a record's JSON object (components marked {@code @JsonIgnore} are not fields).
 *
 * @param name the Java component name (a hook's key parameter takes it)
 * @param jsonName the field's name in JSON
 * @param nullable may be {@code null}: {@code Optional} or {@code @Nullable}
 * @param key marked {@code @EventKey}
 * @param doc its documentation, or empty
 */
public record FieldDef(String name, String jsonName, TypeDef type, boolean nullable, boolean key, String doc) {}
