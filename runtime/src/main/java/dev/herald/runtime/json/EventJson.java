package dev.herald.runtime.json;

import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.codec.FieldName;
import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The wire envelope {@code {"event":"fs.created","data":{...},"ts":1704508800000}}: encoded once to
 * UTF-8 bytes with the generated codecs, and decoded back into the typed record, on Jackson 2 or
 * Jackson 3 ({@link Jackson}). The fan-out core adds the event's position ({@link #withId}, {@code
 * "id"} after {@code ts}); decoding ignores it. Thread-safe.
 */
public final class EventJson {
    /** Deeper JSON is rejected before it can exhaust the stack. */
    public static final int MAX_NESTING_DEPTH = JsonBackend.MAX_NESTING_DEPTH;

    private static final FieldName EVENT = FieldName.of("event");
    private static final FieldName DATA = FieldName.of("data");
    private static final FieldName TS = FieldName.of("ts");

    private final EventRegistry registry;
    private final JsonBackend backend;
    /** Reads an envelope, the data's type known or not: made once, not per document. */
    private final JsonBackend.ReadBody<EventType<?>, ReceivedEvent> envelopeReader = this::read;

    private EventJson(EventRegistry registry, JsonBackend backend) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backend = backend;
    }

    /** Envelopes for the events of {@code registry}, on the class path's Jackson ({@link Jackson#detected()}). */
    public static EventJson create(EventRegistry registry) {
        return new EventJson(registry, JsonBackend.detect());
    }

    /** Envelopes for the events of {@code registry}, on the given Jackson, which must be on the class path. */
    public static EventJson create(EventRegistry registry, Jackson jackson) {
        return new EventJson(registry, JsonBackend.of(Objects.requireNonNull(jackson, "jackson")));
    }

    /** Envelopes for every event catalog on the class path. */
    public static EventJson create() {
        return create(EventRegistry.load());
    }

    /** The registry that names and codecs come from. */
    public EventRegistry registry() {
        return registry;
    }

    /** The Jackson that writes and reads. */
    public Jackson jackson() {
        return backend.jackson();
    }

    /** {@code value} alone (no envelope) as UTF-8 JSON, written by {@code codec}. */
    public <T> byte[] encodeValue(JsonCodec<T> codec, T value) {
        return backend.write(writer -> codec.encode(writer, value));
    }

    /**
     * One JSON value (no envelope) read by {@code codec}, with the checks of {@link #decode(byte[])}:
     * malformed JSON, a truncated value and content after it throw {@link EventDecodeException}.
     */
    public <T> T decodeValue(JsonCodec<T> codec, byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            return backend.read(json, EventJson::readValue, codec);
        } catch (IOException e) {
            throw parseFailure(e);
        }
    }

    private static <T> T readValue(JsonReader reader, JsonCodec<T> codec) throws IOException {
        reader.nextToken();
        return codec.decode(reader);
    }

    /**
     * The envelope of {@code event} as UTF-8 JSON.
     *
     * @throws IllegalArgumentException when no catalog declares the event's class
     */
    public byte[] encode(Record event, long tsMillis) {
        Objects.requireNonNull(event, "event");
        return encodeTyped(registry.typeOf(event.getClass()), event, tsMillis);
    }

    /** The envelope of {@code event} of the given type as UTF-8 JSON. */
    public <T extends Record> byte[] encode(EventType<T> type, T event, long tsMillis) {
        return encodeTyped(type, event, tsMillis);
    }

    /** A control frame such as {@code {"event":"$resync","ts":1704508800000}}. */
    public static byte[] encodeControl(String name, long tsMillis) {
        if (!name.startsWith("$")) {
            throw new IllegalArgumentException("control frame names start with '$': " + name);
        }
        return ("{\"event\":\"" + name + "\",\"ts\":" + tsMillis + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code envelope} with {@code ,"id":"<id>"} added before its closing brace: the position a
     * node gives an encoded envelope without encoding it again.
     *
     * @param id letters, digits and {@code -._:} only (nothing to escape)
     * @throws IllegalArgumentException when {@code envelope} does not end with an object's brace
     */
    public static byte[] withId(byte[] envelope, String id) {
        int end = envelope.length - 1;
        while (end >= 0 && envelope[end] != '}') {
            end--;
        }
        if (end < 1) {
            throw new IllegalArgumentException("not an envelope: no closing brace");
        }
        byte[] field = (",\"id\":\"" + id + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[end + field.length + 1];
        System.arraycopy(envelope, 0, result, 0, end);
        System.arraycopy(field, 0, result, end, field.length);
        result[result.length - 1] = '}';
        return result;
    }

    /**
     * A control frame with one more field, such as {@code {"event":"$resync","ts":...,"reason":"trimmed"}}.
     *
     * @param value a {@link Number} (written as is) or text without characters to escape (quoted)
     */
    public static byte[] encodeControl(String name, long tsMillis, String field, Object value) {
        byte[] plain = encodeControl(name, tsMillis);
        String written = value instanceof Number ? value.toString() : "\"" + value + "\"";
        byte[] tail = (",\"" + field + "\":" + written + "}").getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[plain.length - 1 + tail.length];
        System.arraycopy(plain, 0, result, 0, plain.length - 1);
        System.arraycopy(tail, 0, result, plain.length - 1, tail.length);
        return result;
    }

    private <T extends Record> byte[] encodeTyped(EventType<T> type, Object event, long tsMillis) {
        T typed = type.cast(event);
        try {
            return backend.write(writer -> {
                writer.writeStartObject(typed);
                writer.writeFieldName(EVENT);
                writer.writeString(type.name());
                writer.writeFieldName(DATA);
                type.codec().encode(writer, typed);
                writer.writeFieldName(TS);
                writer.writeNumber(tsMillis);
                writer.writeEndObject();
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot encode " + type.name(), e.getCause());
        }
    }

    /**
     * Reads an envelope from UTF-8 bytes, with the thread's reused parser. Herald writes the name
     * before {@code data}; an envelope from elsewhere that has them the other way round is read
     * twice, the second time knowing the type.
     */
    public ReceivedEvent decode(byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            ReceivedEvent first = backend.read(json, envelopeReader, null);
            if (first.event() != null) {
                return first;
            }
            return backend.read(json, envelopeReader, first.type());
        } catch (IOException e) {
            throw parseFailure(e);
        }
    }

    /** Reads an envelope from a string. */
    public ReceivedEvent decode(String json) {
        Objects.requireNonNull(json, "json");
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static EventDecodeException parseFailure(IOException e) {
        return EventDecodeException.of("malformed JSON: " + e.getMessage(), e);
    }

    /**
     * One pass over the envelope. Without {@code dataType}, {@code data} that comes before the
     * event's name is skipped and the result has no event: the caller reads again with the type.
     */
    private ReceivedEvent read(JsonReader reader, EventType<?> dataType) throws IOException {
        if (reader.nextToken() != JsonToken.START_OBJECT) {
            throw CodecSupport.mismatch("an event envelope object", reader.currentToken());
        }
        EventType<?> type = null;
        Record event = null;
        boolean hasData = false;
        boolean dataSkipped = false;
        long ts = 0;
        for (String field = reader.nextFieldName(); field != null; field = reader.nextFieldName()) {
            reader.nextToken();
            switch (field) {
                case "event" -> type = typeNamed(Scalars.readString(reader));
                case "ts" -> ts = Scalars.readLong(reader);
                case "data" -> {
                    hasData = true;
                    EventType<?> known = type != null ? type : dataType;
                    if (known != null) {
                        event = decodeData(known, reader);
                    } else {
                        dataSkipped = true;
                        reader.skipChildren();
                    }
                }
                default -> reader.skipChildren();
            }
        }
        if (reader.currentToken() != JsonToken.END_OBJECT) {
            throw CodecSupport.mismatch("the end of the envelope", reader.currentToken());
        }
        if (type == null) {
            throw EventDecodeException.of("the envelope has no \"event\" name");
        }
        if (!hasData) {
            throw EventDecodeException.of("the envelope has no \"data\"").inEvent(type.name());
        }
        if (dataSkipped) {
            return new ReceivedEvent(type, null, ts);
        }
        if (event == null) {
            throw EventDecodeException.of("\"data\" is null").inEvent(type.name());
        }
        return new ReceivedEvent(type, event, ts);
    }

    private EventType<?> typeNamed(String name) {
        if (name == null) {
            throw EventDecodeException.of("the envelope's \"event\" is null");
        }
        if (name.startsWith("$")) {
            throw EventDecodeException.of("'" + Texts.excerpt(name) + "' is a control frame, not an event");
        }
        EventType<?> type = registry.find(name);
        if (type == null) {
            throw EventDecodeException.of("unknown event '" + Texts.excerpt(name) + "'");
        }
        return type;
    }

    private static Record decodeData(EventType<?> type, JsonReader reader) throws IOException {
        try {
            return type.codec().decode(reader);
        } catch (EventDecodeException e) {
            throw e.inEvent(type.name());
        }
    }
}
