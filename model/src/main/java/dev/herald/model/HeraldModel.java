package dev.herald.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of events and every record and enum they reach: what one compilation declares ({@code
 * META-INF/herald/model.json}), or what several modules declare together. Events are sorted by
 * name, records and enums by Java name, so equal sets are equal models.
 */
public final class HeraldModel {
    /** The version of the JSON form this code writes and the newest it reads. */
    public static final int VERSION = 1;

    /** Where each compilation writes its model in the class output. */
    public static final String PATH = "META-INF/herald/model.json";

    private final String catalog;
    private final List<EventDef> events;
    private final Map<String, RecordDef> records = new LinkedHashMap<>();
    private final Map<String, EnumDef> enums = new LinkedHashMap<>();

    /**
     * @param catalog the Java catalog class of the compilation, or empty for a merged model
     * @throws IllegalArgumentException when a payload or a type a field refers to is not among
     *     {@code records} and {@code enums}, or a name is given twice
     */
    public HeraldModel(String catalog, List<EventDef> events, List<RecordDef> records, List<EnumDef> enums) {
        this.catalog = catalog == null ? "" : catalog;
        this.events =
                events.stream().sorted(Comparator.comparing(EventDef::name)).toList();
        records.stream()
                .sorted(Comparator.comparing(RecordDef::javaName))
                .forEach(r -> unique(this.records.put(r.javaName(), r), r.javaName()));
        enums.stream()
                .sorted(Comparator.comparing(EnumDef::javaName))
                .forEach(e -> unique(this.enums.put(e.javaName(), e), e.javaName()));
        for (int i = 1; i < this.events.size(); i++) {
            if (this.events.get(i).name().equals(this.events.get(i - 1).name())) {
                throw new IllegalArgumentException("event " + this.events.get(i).name() + " is listed twice");
            }
        }
        this.events.forEach(e -> record(e.payload()));
        this.records.values().forEach(r -> r.fields().forEach(f -> checkReferences(f.type())));
    }

    private static void unique(Object previous, String javaName) {
        if (previous != null) {
            throw new IllegalArgumentException(javaName + " is listed twice");
        }
    }

    private void checkReferences(TypeDef type) {
        if (type instanceof TypeDef.RecordRef ref) {
            record(ref.javaName());
        } else if (type instanceof TypeDef.EnumRef ref) {
            enumDef(ref.javaName());
        } else if (type instanceof TypeDef.Sequence sequence) {
            checkReferences(sequence.element());
        } else if (type instanceof TypeDef.OptionalOf optional) {
            checkReferences(optional.value());
        } else if (type instanceof TypeDef.MapOf map) {
            if (map.enumKey() != null) {
                enumDef(map.enumKey());
            }
            checkReferences(map.value());
        }
    }

    public String catalog() {
        return catalog;
    }

    /** Sorted by name. */
    public List<EventDef> events() {
        return events;
    }

    /** Sorted by Java name. */
    public List<RecordDef> records() {
        return List.copyOf(records.values());
    }

    /** Sorted by Java name. */
    public List<EnumDef> enums() {
        return List.copyOf(enums.values());
    }

    public RecordDef record(String javaName) {
        RecordDef record = records.get(javaName);
        if (record == null) {
            throw new IllegalArgumentException("no record " + javaName + " in the model");
        }
        return record;
    }

    public EnumDef enumDef(String javaName) {
        EnumDef model = enums.get(javaName);
        if (model == null) {
            throw new IllegalArgumentException("no enum " + javaName + " in the model");
        }
        return model;
    }

    public RecordDef payload(EventDef event) {
        return record(event.payload());
    }

    /** The TypeScript name of a referenced record or enum. */
    public String nameOf(TypeDef type) {
        if (type instanceof TypeDef.RecordRef ref) {
            return record(ref.javaName()).name();
        }
        if (type instanceof TypeDef.EnumRef ref) {
            return enumDef(ref.javaName()).name();
        }
        throw new IllegalArgumentException(type + " names no record or enum");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeraldModel other
                && catalog.equals(other.catalog)
                && events.equals(other.events)
                && records.equals(other.records)
                && enums.equals(other.enums);
    }

    @Override
    public int hashCode() {
        return events.hashCode() * 31 + records.hashCode();
    }

    @Override
    public String toString() {
        return "HeraldModel" + events.stream().map(EventDef::name).toList();
    }
}
