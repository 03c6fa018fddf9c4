package dev.herald.processor.model;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Every record and enum that a set of events reaches, events included, sorted by qualified name. */
public final class Reach {
    private final Map<String, RecordModel> records = new TreeMap<>();
    private final Map<String, EnumModel> enums = new TreeMap<>();

    public static Reach of(Collection<EventModel> events) {
        Reach reach = new Reach();
        events.forEach(event -> reach.addRecord(event.record()));
        return reach;
    }

    public Collection<RecordModel> records() {
        return records.values();
    }

    public Collection<EnumModel> enums() {
        return enums.values();
    }

    private void addRecord(RecordModel record) {
        if (records.putIfAbsent(record.qualifiedName(), record) != null) {
            return;
        }
        record.components().stream().filter(c -> !c.ignored()).forEach(c -> addType(c.type()));
    }

    private void addType(TypeRef type) {
        if (type instanceof TypeRef.RecordRef recordRef) {
            addRecord(recordRef.model());
        } else if (type instanceof TypeRef.EnumRef enumRef) {
            enums.putIfAbsent(enumRef.model().qualifiedName(), enumRef.model());
        } else if (type instanceof TypeRef.Sequence sequence) {
            addType(sequence.element());
        } else if (type instanceof TypeRef.OptionalRef optional) {
            addType(optional.value());
        } else if (type instanceof TypeRef.MapRef map) {
            if (map.enumKey() != null) {
                enums.putIfAbsent(map.enumKey().qualifiedName(), map.enumKey());
            }
            addType(map.value());
        }
    }
}
