package dev.herald.processor.validation;

import dev.herald.model.Naming;
import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.EventModel;
import dev.herald.processor.model.ModelExtractor;
import dev.herald.processor.model.RecordModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Checks the events of the whole compilation against each other and against the catalog. */
public final class CatalogValidator {
    private final Reporter reporter;

    public CatalogValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Events one catalog class holds at most. Each costs about 16 bytes of the class initializer and
     * 14 constant pool entries, both limited to 64 Ki: 2,000 events used half of each.
     */
    public static final int MAX_EVENTS = 3000;

    /**
     * Reports, on the first event past the limit, a compilation with more events than one catalog
     * holds; returns whether {@code arriving} still fits beside the {@code accepted} events.
     */
    public boolean checkCount(int accepted, List<EventModel> arriving) {
        int total = accepted + arriving.size();
        if (total <= MAX_EVENTS) {
            return true;
        }
        EventModel first = arriving.get(Math.max(0, MAX_EVENTS - accepted));
        reporter.report(
                first.record().element(), first.annotation(), null, HeraldMessage.CATALOG_TOO_LARGE, total, MAX_EVENTS);
        return false;
    }

    /**
     * Reports duplicate names, colliding constants and TypeScript names, and event records the
     * catalog cannot reach; returns whether the catalog can be generated.
     */
    public boolean check(
            List<EventModel> events,
            Collection<RecordModel> records,
            Collection<EnumModel> enums,
            String catalogPackage,
            String catalogName,
            Map<String, String> groupNames) {
        boolean ok = checkNames(events);
        ok &= checkTypeScriptNames(records, enums);
        ok &= checkHookNames(events, groupNames);
        for (EventModel event : events) {
            ok &= checkVisibleFrom(event.record().element(), catalogPackage, catalogName);
        }
        return ok;
    }

    private boolean checkNames(List<EventModel> events) {
        boolean ok = true;
        Map<String, EventModel> byName = new HashMap<>();
        Map<String, EventModel> byIdentifier = new HashMap<>();
        for (EventModel event : events) {
            EventModel sameName = byName.putIfAbsent(event.name(), event);
            if (sameName != null) {
                String first = sameName.record().qualifiedName();
                String second = event.record().qualifiedName();
                for (EventModel each : List.of(sameName, event)) {
                    reporter.report(
                            each.record().element(),
                            each.annotation(),
                            each.nameValue(),
                            HeraldMessage.EVENT_NAME_DUPLICATE,
                            event.name(),
                            first,
                            second);
                }
                ok = false;
                continue;
            }
            // Each event owns two Java identifiers: NAME and NAME_TYPE.
            for (String identifier : List.of(event.constantName(), event.constantName() + "_TYPE")) {
                EventModel clash = byIdentifier.putIfAbsent(identifier, event);
                if (clash != null) {
                    for (EventModel each : List.of(clash, event)) {
                        reporter.report(
                                each.record().element(),
                                each.annotation(),
                                each.nameValue(),
                                HeraldMessage.CONSTANT_COLLISION,
                                clash.name(),
                                event.name(),
                                identifier);
                    }
                    ok = false;
                }
            }
        }
        return ok;
    }

    private boolean checkTypeScriptNames(Collection<RecordModel> records, Collection<EnumModel> enums) {
        Map<String, TypeElement> byName = new HashMap<>();
        List<TypeElement> all = new ArrayList<>();
        records.forEach(r -> all.add(r.element()));
        enums.forEach(e -> all.add(e.element()));
        all.sort((a, b) ->
                a.getQualifiedName().toString().compareTo(b.getQualifiedName().toString()));
        boolean ok = true;
        for (TypeElement type : all) {
            String flatName = String.join("", ModelExtractor.simpleNames(type));
            if (Naming.TS_RESERVED_NAMES.contains(flatName)) {
                reporter.report(type, HeraldMessage.TS_NAME_RESERVED, type.getQualifiedName(), flatName);
                ok = false;
            }
            TypeElement clash = byName.putIfAbsent(flatName, type);
            if (clash != null && !clash.equals(type)) {
                for (TypeElement each : List.of(clash, type)) {
                    reporter.report(
                            each,
                            HeraldMessage.TS_NAME_COLLISION,
                            clash.getQualifiedName(),
                            type.getQualifiedName(),
                            flatName);
                }
                ok = false;
            }
        }
        return ok;
    }

    /** Two groups spelled alike would give two hooks of one name. */
    private boolean checkHookNames(List<EventModel> events, Map<String, String> groupNames) {
        List<Naming.SpellingClash> clashes =
                Naming.spellingClashes(events.stream().map(EventModel::name).toList(), groupNames);
        for (Naming.SpellingClash clash : clashes) {
            EventModel first = events.stream()
                    .filter(e -> e.group().equals(clash.second()))
                    .findFirst()
                    .orElseThrow();
            if (clash.first() == null) {
                reporter.report(
                        first.record().element(),
                        first.annotation(),
                        first.nameValue(),
                        HeraldMessage.HOOK_NAME_RESERVED,
                        clash.second(),
                        clash.spelling(),
                        clash.spelling(),
                        clash.second(),
                        clash.spelling());
                continue;
            }
            reporter.report(
                    first.record().element(),
                    first.annotation(),
                    first.nameValue(),
                    HeraldMessage.HOOK_NAME_COLLISION,
                    clash.first(),
                    clash.second(),
                    clash.spelling(),
                    clash.spelling());
        }
        return clashes.isEmpty();
    }

    private boolean checkVisibleFrom(TypeElement record, String catalogPackage, String catalogName) {
        if (packageOf(record).equals(catalogPackage)) {
            return true; // package-private will do
        }
        for (TypeElement type : ModelExtractor.typesOutward(record)) {
            if (!type.getModifiers().contains(Modifier.PUBLIC)) {
                reporter.report(record, HeraldMessage.TYPE_NOT_ACCESSIBLE, type.getQualifiedName(), catalogName);
                return false;
            }
        }
        return true;
    }

    private static String packageOf(Element element) {
        Element current = element;
        while (current.getKind() != ElementKind.PACKAGE) {
            current = current.getEnclosingElement();
        }
        return ((PackageElement) current).getQualifiedName().toString();
    }
}
