package dev.herald.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Merges the models of several modules into one, as if one module had declared all their events.
 * A type two modules both reach (a shared {@code common} module's record) is kept once when both
 * describe it alike. Conflicts are collected, not stopped at, so that one build names them all:
 * one event name for two records, one Java type described two ways, two types with one TypeScript
 * name, two event names with one constant, and a type taking a name {@code events.ts} exports.
 */
public final class ModelMerge {
    /** A model and where it came from: {@code com.acme:files:1.0}. */
    public record Sourced(String origin, HeraldModel model) {}

    private record Owned<T>(String origin, T value) {}

    private ModelMerge() {}

    public static HeraldModel merge(List<Sourced> models) throws ModelConflictException {
        List<String> conflicts = new ArrayList<>();
        Map<String, Owned<EventDef>> events = new LinkedHashMap<>();
        Map<String, Owned<RecordDef>> records = new LinkedHashMap<>();
        Map<String, Owned<EnumDef>> enums = new LinkedHashMap<>();
        for (Sourced sourced : models) {
            for (EventDef event : sourced.model().events()) {
                Owned<EventDef> earlier = events.putIfAbsent(event.name(), new Owned<>(sourced.origin(), event));
                if (earlier != null && !earlier.value().equals(event)) {
                    conflicts.add("Event name \"" + event.name() + "\" is declared by both "
                            + earlier.value().payload()
                            + " in " + earlier.origin() + " and " + event.payload() + " in " + sourced.origin()
                            + ". Give each event its own name.");
                }
            }
            for (RecordDef record : sourced.model().records()) {
                sameEverywhere(
                        records,
                        record.javaName(),
                        new Owned<>(sourced.origin(), record),
                        RecordDef::withoutDocs,
                        conflicts);
            }
            for (EnumDef model : sourced.model().enums()) {
                sameEverywhere(
                        enums, model.javaName(), new Owned<>(sourced.origin(), model), EnumDef::withoutDocs, conflicts);
            }
        }
        checkTypeScriptNames(records.values(), enums.values(), conflicts);
        checkConstants(events.values(), conflicts);
        if (!conflicts.isEmpty()) {
            throw new ModelConflictException(conflicts);
        }
        String catalog =
                models.size() == 1 ? models.get(0).model().catalog() : defaultCatalog(events.values(), records);
        return new HeraldModel(
                catalog,
                events.values().stream().map(Owned::value).toList(),
                records.values().stream().map(Owned::value).toList(),
                enums.values().stream().map(Owned::value).toList());
    }

    /**
     * Keeps one description of a type two modules reach. Only the shape must agree: a module that
     * compiled the type from source has its Javadoc, one that read it from a jar has none, and the
     * documented description wins.
     */
    private static <T> void sameEverywhere(
            Map<String, Owned<T>> byName,
            String javaName,
            Owned<T> next,
            UnaryOperator<T> withoutDocs,
            List<String> conflicts) {
        Owned<T> earlier = byName.putIfAbsent(javaName, next);
        if (earlier == null || earlier.value().equals(next.value())) {
            return;
        }
        T undocumented = withoutDocs.apply(next.value());
        if (!withoutDocs.apply(earlier.value()).equals(undocumented)) {
            conflicts.add(javaName + " is described differently by " + earlier.origin() + " and " + next.origin()
                    + " (compiled from different versions of it?). Build both against the same version.");
        } else if (earlier.value().equals(withoutDocs.apply(earlier.value()))) {
            byName.put(javaName, next); // the earlier one had no docs at all
        }
    }

    private static void checkTypeScriptNames(
            Collection<Owned<RecordDef>> records, Collection<Owned<EnumDef>> enums, List<String> conflicts) {
        record Named(String origin, String tsName, String javaName) {}
        List<Named> all = new ArrayList<>();
        records.forEach(
                r -> all.add(new Named(r.origin(), r.value().name(), r.value().javaName())));
        enums.forEach(
                e -> all.add(new Named(e.origin(), e.value().name(), e.value().javaName())));
        Map<String, Named> byName = new LinkedHashMap<>();
        for (Named type : all) {
            if (Naming.TS_RESERVED_NAMES.contains(type.tsName())) {
                conflicts.add(type.javaName() + " in " + type.origin() + " becomes the TypeScript type " + type.tsName()
                        + ", a name events.ts already uses (its exports, and TypeScript's Record and Partial)."
                        + " Rename the record or enum.");
            }
            Named clash = byName.putIfAbsent(type.tsName(), type);
            if (clash != null) {
                conflicts.add(clash.javaName() + " in " + clash.origin() + " and " + type.javaName() + " in "
                        + type.origin() + " both become the TypeScript type " + type.tsName()
                        + ". Rename one of them.");
            }
        }
    }

    private static void checkConstants(Collection<Owned<EventDef>> events, List<String> conflicts) {
        Map<String, Owned<EventDef>> byConstant = new LinkedHashMap<>();
        for (Owned<EventDef> event : events) {
            Owned<EventDef> clash = byConstant.putIfAbsent(event.value().constantName(), event);
            if (clash != null) {
                conflicts.add("Event names \"" + clash.value().name() + "\" ("
                        + clash.value().payload() + " in "
                        + clash.origin() + ") and \"" + event.value().name() + "\" ("
                        + event.value().payload()
                        + " in " + event.origin() + ") both give the constant "
                        + event.value().constantName()
                        + ". Rename one of the events.");
            }
        }
    }

    /** What the processor names the catalog of one module holding all these events, or empty. */
    private static String defaultCatalog(Collection<Owned<EventDef>> events, Map<String, Owned<RecordDef>> records) {
        List<String> packages = events.stream()
                .map(e -> records.get(e.value().payload()).value().packageName())
                .toList();
        return Naming.catalogPackage(packages)
                .map(common -> common.isEmpty() ? "Events" : common + ".Events")
                .orElse("");
    }
}
