package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The wire envelope {@code {"event":"fs.created","data":{...},"ts":1704508800000}}: encoded once to
 * UTF-8 bytes with the generated codecs, and decoded back into the typed record. The fan-out core
 * adds the event's position ({@link #withId}, {@code "id"} after {@code ts}); decoding ignores it.
 * Thread-safe.
 */
public final class EventJson {
    /** Deeper JSON is rejected before it can exhaust the stack. */
    public static final int MAX_NESTING_DEPTH = 200;

    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString DATA = new SerializedString("data");
    private static final SerializedString TS = new SerializedString("ts");

    private final EventRegistry registry;
    private final JsonFactory factory;

    private EventJson(EventRegistry registry) {
        JacksonVersion.ensureSupported();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
    }

    /** Envelopes for the events of {@code registry}. */
    public static EventJson create(EventRegistry registry) {
        return new EventJson(registry);
    }

    /** Envelopes for every event catalog on the class path. */
    public static EventJson create() {
        return new EventJson(EventRegistry.load());
    }

    /** The registry that names and codecs come from. */
    public EventRegistry registry() {
        return registry;
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
            return JsonBytes.write(factory, gen -> {
                gen.writeStartObject();
                gen.writeFieldName(EVENT);
                gen.writeString(type.name());
                gen.writeFieldName(DATA);
                type.codec().encode(gen, typed);
                gen.writeFieldName(TS);
                gen.writeNumber(tsMillis);
                gen.writeEndObject();
            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot encode " + type.name(), e.getCause());
        }
    }

    /** Reads an envelope from UTF-8 bytes, with the thread's reused parser ({@link JsonReading}). */
    public ReceivedEvent decode(byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            return JsonReading.read(factory, json, parser -> decode(parser, false));
        } catch (IOException e) {
            throw parseFailure(e);
        } catch (IllegalStateException e) {
            // TokenBuffer (data before event) meeting the end of a truncated document
            throw EventDecodeException.of("malformed JSON: unexpected end of input", e);
        }
    }

    /** Reads an envelope from a string. */
    public ReceivedEvent decode(String json) {
        Objects.requireNonNull(json, "json");
        try (JsonParser parser = factory.createParser(json)) {
            return decode(parser, true);
        } catch (IOException e) {
            throw parseFailure(e);
        }
    }

    private static EventDecodeException parseFailure(IOException e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return EventDecodeException.of("malformed JSON: " + message, e);
    }

    /** @param checkTrailing whether to fail on content after the envelope ({@link JsonReading} checks it itself) */
    private ReceivedEvent decode(JsonParser parser, boolean checkTrailing) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw CodecSupport.mismatch("an event envelope object", parser.currentToken());
        }
        EventType<?> type = null;
        Record event = null;
        boolean hasData = false;
        TokenBuffer bufferedData = null; // "data" that came before "event"
        long ts = 0;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case "event" -> type = typeNamed(Scalars.readString(parser));
                case "ts" -> ts = Scalars.readLong(parser);
                case "data" -> {
                    hasData = true;
                    if (type != null) {
                        event = decodeData(type, parser);
                    } else {
                        bufferedData = TokenBuffer.asCopyOfValue(parser);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw CodecSupport.mismatch("the end of the envelope", parser.currentToken());
        }
        if (checkTrailing && parser.nextToken() != null) {
            throw EventDecodeException.of("unexpected content after the envelope");
        }
        if (type == null) {
            throw EventDecodeException.of("the envelope has no \"event\" name");
        }
        if (!hasData) {
            throw EventDecodeException.of("the envelope has no \"data\"").inEvent(type.name());
        }
        if (bufferedData != null) {
            try (JsonParser dataParser = bufferedData.asParser()) {
                dataParser.nextToken();
                event = decodeData(type, dataParser);
            }
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

    private static Record decodeData(EventType<?> type, JsonParser parser) throws IOException {
        try {
            return type.codec().decode(parser);
        } catch (EventDecodeException e) {
            throw e.inEvent(type.name());
        } catch (JsonProcessingException e) {
            throw EventDecodeException.of("malformed JSON: " + e.getOriginalMessage(), e)
                    .inEvent(type.name());
        }
    }
}
