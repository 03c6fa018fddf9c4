package dev.herald.processor.validation;

import dev.herald.processor.diagnostics.HeraldMessage;
import dev.herald.processor.diagnostics.Reporter;
import dev.herald.processor.model.ComponentModel;
import dev.herald.processor.model.EnumModel;
import dev.herald.processor.model.EventModel;
import dev.herald.processor.model.RecordModel;
import dev.herald.processor.model.TypeRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Checks one event's model: its name, its key, and every component type it reaches. */
public final class EventValidator {
    /** What to do with an event after validation. */
    public enum Outcome {
        VALID,
        /** A type it uses does not exist yet; try again next round. */
        DEFER,
        /** Errors were reported; nothing is generated for it. */
        INVALID
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final Reporter reporter;
    private final DeclarationValidator declarations;
    private final JacksonValidator jackson;
    /** Payload records already checked this round, so that a shared payload is reported once. */
    private final Map<RecordModel, Outcome> checkedPayloads = new HashMap<>();
    /** Enums already checked this round, with whether Jackson writes them as Herald does. */
    private final Map<EnumModel, Boolean> checkedEnums = new HashMap<>();

    public EventValidator(Reporter reporter) {
        this.reporter = reporter;
        this.declarations = new DeclarationValidator(reporter);
        this.jackson = new JacksonValidator(reporter);
    }

    public void startRound() {
        checkedPayloads.clear();
        checkedEnums.clear();
    }

    public Outcome check(EventModel event) {
        String problem = nameProblem(event.name());
        RecordModel record = event.record();
        boolean ok = true;
        if (event.name().startsWith("$")) {
            reporter.report(
                    record.element(),
                    event.annotation(),
                    event.nameValue(),
                    HeraldMessage.EVENT_NAME_RESERVED,
                    event.name());
            ok = false;
        } else if (problem != null) {
            reporter.report(
                    record.element(),
                    event.annotation(),
                    event.nameValue(),
                    HeraldMessage.EVENT_NAME_INVALID,
                    event.name(),
                    problem);
            ok = false;
        }
        ok &= checkKey(record);
        Outcome components = checkRecord(record, new HashSet<>());
        if (components == Outcome.DEFER) {
            return Outcome.DEFER;
        }
        return ok && components == Outcome.VALID ? Outcome.VALID : Outcome.INVALID;
    }

    /** Why {@code name} is not a valid event name, or {@code null} when it is. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.indexOf('.') < 0) {
            return "it has no dot; the part before the first dot is the event's group";
        }
        for (String segment : name.split("\\.", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "segment \"" + segment
                        + "\" must start with a letter and contain only letters, digits, '_' or '-'";
            }
        }
        return null;
    }

    private boolean checkKey(RecordModel record) {
        List<ComponentModel> keys =
                record.components().stream().filter(ComponentModel::key).toList();
        boolean ok = true;
        if (keys.size() > 1) {
            for (ComponentModel key : keys.subList(1, keys.size())) {
                reporter.report(
                        key.element(),
                        HeraldMessage.EVENT_KEY_DUPLICATE,
                        record.element().getSimpleName(),
                        keys.get(0).name(),
                        key.name());
            }
            ok = false;
        }
        for (ComponentModel key : keys) {
            TypeRef type = key.type() instanceof TypeRef.OptionalRef optional ? optional.value() : key.type();
            boolean comparable = type instanceof TypeRef.Scalar || type instanceof TypeRef.EnumRef;
            if (!comparable && !(type instanceof TypeRef.Unsupported) && !(type instanceof TypeRef.Missing)) {
                reporter.report(key.element(), HeraldMessage.EVENT_KEY_TYPE, key.name(), key.javaType());
                ok = false;
            }
            if (key.ignored()) {
                reporter.report(key.element(), HeraldMessage.EVENT_KEY_IGNORED, key.name());
                ok = false;
            }
        }
        return ok;
    }

    /** Checks a record's components and, through them, every record they reach. */
    private Outcome checkRecord(RecordModel record, Set<RecordModel> visiting) {
        Outcome known = checkedPayloads.get(record);
        if (known != null) {
            return known;
        }
        if (!visiting.add(record)) {
            return Outcome.VALID; // a cycle: the outer call decides
        }
        Outcome outcome = jackson.check(record) ? Outcome.VALID : Outcome.INVALID;
        Map<String, ComponentModel> jsonNames = new HashMap<>();
        for (ComponentModel component : record.components()) {
            if (!component.ignored()) {
                ComponentModel previous = jsonNames.putIfAbsent(component.jsonName(), component);
                if (previous != null) {
                    reporter.report(
                            component.element(),
                            HeraldMessage.COMPONENT_JSON_NAME_DUPLICATE,
                            previous.name(),
                            component.name(),
                            record.element().getSimpleName(),
                            component.jsonName());
                    outcome = worse(outcome, Outcome.INVALID);
                }
            }
            outcome = worse(outcome, checkType(record, component, component.type(), visiting));
        }
        checkedPayloads.put(record, outcome);
        return outcome;
    }

    private Outcome checkType(RecordModel owner, ComponentModel component, TypeRef type, Set<RecordModel> visiting) {
        if (type instanceof TypeRef.Missing) {
            return Outcome.DEFER;
        }
        if (type instanceof TypeRef.Unsupported unsupported) {
            reporter.report(
                    component.element(),
                    HeraldMessage.COMPONENT_TYPE_UNSUPPORTED,
                    component.name(),
                    owner.element().getSimpleName(),
                    unsupported.type(),
                    unsupported.problem());
            return Outcome.INVALID;
        }
        if (type instanceof TypeRef.Sequence sequence) {
            return checkType(owner, component, sequence.element(), visiting);
        }
        if (type instanceof TypeRef.MapRef map) {
            Outcome keys = map.enumKey() == null ? Outcome.VALID : checkEnum(map.enumKey(), owner);
            return worse(keys, checkType(owner, component, map.value(), visiting));
        }
        if (type instanceof TypeRef.OptionalRef optional) {
            return checkType(owner, component, optional.value(), visiting);
        }
        if (type instanceof TypeRef.EnumRef enumRef) {
            return checkEnum(enumRef.model(), owner);
        }
        if (type instanceof TypeRef.RecordRef recordRef) {
            Outcome reachable = checkReachable(recordRef.model().element(), owner);
            return worse(reachable, checkRecord(recordRef.model(), visiting));
        }
        return Outcome.VALID;
    }

    private Outcome checkEnum(EnumModel model, RecordModel owner) {
        boolean written = checkedEnums.computeIfAbsent(model, m -> jackson.check(m) & checkConstantNames(m));
        return worse(checkReachable(model.element(), owner), written ? Outcome.VALID : Outcome.INVALID);
    }

    /** Two constants with one JSON name could not be told apart when read. */
    private boolean checkConstantNames(EnumModel model) {
        boolean ok = true;
        Map<String, String> byJsonName = new HashMap<>();
        for (int i = 0; i < model.constants().size(); i++) {
            String constant = model.constants().get(i);
            String jsonName = model.jsonNames().get(i);
            String earlier = byJsonName.putIfAbsent(jsonName, constant);
            if (earlier != null) {
                Element element = model.element();
                for (Element member : model.element().getEnclosedElements()) {
                    if (member.getKind() == ElementKind.ENUM_CONSTANT
                            && member.getSimpleName().contentEquals(constant)) {
                        element = member;
                    }
                }
                reporter.report(
                        element,
                        HeraldMessage.ENUM_JSON_NAME_DUPLICATE,
                        earlier,
                        constant,
                        model.element().getSimpleName(),
                        jsonName);
                ok = false;
            }
        }
        return ok;
    }

    private Outcome checkReachable(TypeElement type, RecordModel owner) {
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            reporter.report(
                    type,
                    HeraldMessage.TYPE_PRIVATE,
                    type.getQualifiedName(),
                    owner.element().getSimpleName());
            return Outcome.INVALID;
        }
        return declarations.checkEnclosing(type) ? Outcome.VALID : Outcome.INVALID;
    }

    private static Outcome worse(Outcome a, Outcome b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
