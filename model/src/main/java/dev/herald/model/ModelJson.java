package dev.herald.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link HeraldModel} ({@code "modelVersion": 1}). Writing is stable: the same
 * model gives the same bytes. Reading accepts any version up to {@link HeraldModel#VERSION} and
 * ignores fields it does not know (later versions of the same major form may add some); a newer
 * version or a malformed file is an {@link InvalidModelException} that says where.
 *
 * <p>Each event also carries its {@code group}, {@code constant} and {@code key} for tools in other
 * languages; they follow from the rest, so reading derives them instead.
 */
public final class ModelJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ModelJson() {}

    public static String write(HeraldModel model) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeNumberField("modelVersion", HeraldModel.VERSION);
            gen.writeStringField("catalog", model.catalog());
            gen.writeArrayFieldStart("events");
            for (EventDef event : model.events()) {
                gen.writeStartObject();
                gen.writeStringField("name", event.name());
                gen.writeStringField("group", event.group());
                gen.writeStringField("constant", event.constantName());
                gen.writeStringField("payload", event.payload());
                FieldDef key = model.payload(event).key();
                if (key != null) {
                    gen.writeStringField("key", key.jsonName());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("records");
            for (RecordDef record : model.records()) {
                gen.writeStartObject();
                typeHeader(gen, record.javaName(), record.packageName(), record.name(), record.doc());
                gen.writeArrayFieldStart("fields");
                for (FieldDef field : record.fields()) {
                    gen.writeStartObject();
                    gen.writeStringField("name", field.name());
                    gen.writeStringField("json", field.jsonName());
                    gen.writeFieldName("type");
                    type(gen, field.type());
                    if (field.nullable()) {
                        gen.writeBooleanField("nullable", true);
                    }
                    if (field.key()) {
                        gen.writeBooleanField("key", true);
                    }
                    doc(gen, field.doc());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("enums");
            for (EnumDef enumDef : model.enums()) {
                gen.writeStartObject();
                typeHeader(gen, enumDef.javaName(), enumDef.packageName(), enumDef.name(), enumDef.doc());
                gen.writeArrayFieldStart("values");
                for (String value : enumDef.values()) {
                    gen.writeString(value);
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out + "\n";
    }

    private static void typeHeader(JsonGenerator gen, String javaName, String packageName, String name, String doc)
            throws IOException {
        gen.writeStringField("java", javaName);
        gen.writeStringField("package", packageName);
        gen.writeStringField("name", name);
        doc(gen, doc);
    }

    private static void doc(JsonGenerator gen, String doc) throws IOException {
        if (!doc.isEmpty()) {
            gen.writeStringField("doc", doc);
        }
    }

    private static void type(JsonGenerator gen, TypeDef type) throws IOException {
        gen.writeStartObject();
        if (type instanceof TypeDef.Scalar scalar) {
            gen.writeStringField("scalar", scalar.kind().jsonName());
        } else if (type instanceof TypeDef.PrimitiveArray array) {
            gen.writeStringField("primitiveArray", array.element().jsonName());
        } else if (type instanceof TypeDef.Sequence sequence) {
            gen.writeFieldName(sequenceField(sequence.kind()));
            type(gen, sequence.element());
        } else if (type instanceof TypeDef.MapOf map) {
            gen.writeFieldName("map");
            type(gen, map.value());
            if (map.enumKey() != null) {
                gen.writeStringField("enumKey", map.enumKey());
            }
        } else if (type instanceof TypeDef.OptionalOf optional) {
            gen.writeFieldName("optional");
            type(gen, optional.value());
        } else if (type instanceof TypeDef.EnumRef ref) {
            gen.writeStringField("enum", ref.javaName());
        } else if (type instanceof TypeDef.RecordRef ref) {
            gen.writeStringField("record", ref.javaName());
        }
        gen.writeEndObject();
    }

    private static String sequenceField(SequenceKind kind) {
        return switch (kind) {
            case LIST -> "list";
            case SET -> "set";
            case ARRAY -> "array";
        };
    }

    /**
     * Reads a model.
     *
     * @param source names the file in messages: {@code files-1.0.jar!/META-INF/herald/model.json}
     */
    public static HeraldModel read(String json, String source) throws InvalidModelException {
        Object tree;
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidModelException(source + " is empty, not a Herald model.");
            }
            tree = value(parser);
            if (parser.nextToken() != null) {
                throw new InvalidModelException(source + " is not a Herald model: text after the end of the"
                        + " JSON object at line " + parser.currentLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw new InvalidModelException(source + " is not valid JSON (it may be truncated or corrupt): "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does not fail
        }
        return new Reader(source).model(tree);
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            default -> {
                return null;
            }
        }
    }

    /** Turns the parsed tree into the model; every error names the path to the bad value. */
    private record Reader(String source) {
        HeraldModel model(Object tree) throws InvalidModelException {
            Map<String, Object> root = object(tree, "the top level");
            Object version = root.get("modelVersion");
            if (!(version instanceof Integer number) || number < 1) {
                throw fail("modelVersion", "a positive whole number is required, found " + describe(version));
            }
            if (number > HeraldModel.VERSION) {
                throw new InvalidModelException(source + " has modelVersion " + number + ", newer than this Herald ("
                        + "which reads up to " + HeraldModel.VERSION + "). Use the same Herald version for the"
                        + " processor that compiled it and for the tool reading it.");
            }
            List<EventDef> events = new ArrayList<>();
            List<Object> eventList = array(root, "events", "");
            for (int i = 0; i < eventList.size(); i++) {
                String path = "events[" + i + "]";
                Map<String, Object> event = object(eventList.get(i), path);
                events.add(new EventDef(string(event, "name", path), string(event, "payload", path)));
            }
            List<RecordDef> records = new ArrayList<>();
            List<Object> recordList = array(root, "records", "");
            for (int i = 0; i < recordList.size(); i++) {
                records.add(record(object(recordList.get(i), "records[" + i + "]"), "records[" + i + "]"));
            }
            List<EnumDef> enums = new ArrayList<>();
            List<Object> enumList = array(root, "enums", "");
            for (int i = 0; i < enumList.size(); i++) {
                String path = "enums[" + i + "]";
                Map<String, Object> model = object(enumList.get(i), path);
                List<String> values = new ArrayList<>();
                List<Object> valueList = array(model, "values", path);
                for (int v = 0; v < valueList.size(); v++) {
                    if (!(valueList.get(v) instanceof String value)) {
                        throw fail(path + ".values[" + v + "]", "a string is required");
                    }
                    values.add(value);
                }
                enums.add(new EnumDef(
                        string(model, "java", path),
                        string(model, "package", path),
                        string(model, "name", path),
                        optionalString(model, "doc", path),
                        values));
            }
            Object catalog = root.get("catalog");
            try {
                return new HeraldModel(catalog instanceof String name ? name : "", events, records, enums);
            } catch (IllegalArgumentException e) {
                throw new InvalidModelException(source + " is not a consistent Herald model: " + e.getMessage() + ".");
            }
        }

        private RecordDef record(Map<String, Object> record, String path) throws InvalidModelException {
            List<FieldDef> fields = new ArrayList<>();
            List<Object> fieldList = array(record, "fields", path);
            for (int i = 0; i < fieldList.size(); i++) {
                String fieldPath = path + ".fields[" + i + "]";
                Map<String, Object> field = object(fieldList.get(i), fieldPath);
                fields.add(new FieldDef(
                        string(field, "name", fieldPath),
                        string(field, "json", fieldPath),
                        type(field.get("type"), fieldPath + ".type"),
                        flag(field, "nullable", fieldPath),
                        flag(field, "key", fieldPath),
                        optionalString(field, "doc", fieldPath)));
            }
            return new RecordDef(
                    string(record, "java", path),
                    string(record, "package", path),
                    string(record, "name", path),
                    optionalString(record, "doc", path),
                    fields);
        }

        private TypeDef type(Object value, String path) throws InvalidModelException {
            Map<String, Object> type = object(value, path);
            if (type.containsKey("scalar")) {
                return new TypeDef.Scalar(scalar(type, "scalar", path));
            }
            if (type.containsKey("primitiveArray")) {
                return new TypeDef.PrimitiveArray(scalar(type, "primitiveArray", path));
            }
            for (SequenceKind kind : SequenceKind.values()) {
                String field = sequenceField(kind);
                if (type.containsKey(field)) {
                    return new TypeDef.Sequence(kind, type(type.get(field), path + "." + field));
                }
            }
            if (type.containsKey("map")) {
                Object enumKey = type.get("enumKey");
                if (enumKey != null && !(enumKey instanceof String)) {
                    throw fail(path + ".enumKey", "a string is required, found " + describe(enumKey));
                }
                return new TypeDef.MapOf((String) enumKey, type(type.get("map"), path + ".map"));
            }
            if (type.containsKey("optional")) {
                return new TypeDef.OptionalOf(type(type.get("optional"), path + ".optional"));
            }
            if (type.containsKey("enum")) {
                return new TypeDef.EnumRef(string(type, "enum", path));
            }
            if (type.containsKey("record")) {
                return new TypeDef.RecordRef(string(type, "record", path));
            }
            throw fail(
                    path,
                    "a type has one of scalar, primitiveArray, list, set, array, map, optional, enum or record,"
                            + " found " + type.keySet());
        }

        private ScalarKind scalar(Map<String, Object> type, String field, String path) throws InvalidModelException {
            String name = string(type, field, path);
            ScalarKind kind = ScalarKind.fromJsonName(name);
            if (kind == null) {
                throw fail(path + "." + field, "unknown scalar \"" + name + "\"");
            }
            return kind;
        }

        private Map<String, Object> object(Object value, String path) throws InvalidModelException {
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                return object;
            }
            throw fail(path, "an object is required, found " + describe(value));
        }

        private List<Object> array(Map<String, Object> object, String field, String path) throws InvalidModelException {
            Object value = object.get(field);
            if (value instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> array = (List<Object>) list;
                return array;
            }
            throw fail(join(path, field), "an array is required, found " + describe(value));
        }

        private String string(Map<String, Object> object, String field, String path) throws InvalidModelException {
            Object value = object.get(field);
            if (value instanceof String text && !text.isEmpty()) {
                return text;
            }
            throw fail(join(path, field), "a non-empty string is required, found " + describe(value));
        }

        private String optionalString(Map<String, Object> object, String field, String path)
                throws InvalidModelException {
            Object value = object.get(field);
            if (value == null) {
                return "";
            }
            if (value instanceof String text) {
                return text;
            }
            throw fail(join(path, field), "a string is required, found " + describe(value));
        }

        private boolean flag(Map<String, Object> object, String field, String path) throws InvalidModelException {
            Object value = object.get(field);
            if (value == null || value instanceof Boolean) {
                return Boolean.TRUE.equals(value);
            }
            throw fail(join(path, field), "true or false is required, found " + describe(value));
        }

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private static String describe(Object value) {
            if (value == null) {
                return "nothing";
            }
            if (value instanceof String text) {
                return "\"" + text + "\"";
            }
            if (value instanceof Map) {
                return "an object";
            }
            if (value instanceof List) {
                return "an array";
            }
            return String.valueOf(value);
        }

        private InvalidModelException fail(String path, String problem) {
            return new InvalidModelException(
                    source + " is not a valid Herald model: at " + path + ", " + problem + ".");
        }
    }
}
