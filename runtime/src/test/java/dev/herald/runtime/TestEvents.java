package dev.herald.runtime;

import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.codec.JsonWriter;
import dev.herald.runtime.json.EventDecodeException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A hand-written catalog standing in for a generated one, so the bus and the fan-out core are tested
 * without the processor.
 */
public final class TestEvents implements EventCatalog {
    public record Created(String id) {}

    public record Deleted(String id) {}

    record Numbered(int thread, int seq) {}

    record Unknown(String id) {}

    public static final EventType<Created> CREATED =
            EventType.of("item.created", Created.class, "id", new IdCodec<>(Created::id, Created::new));
    public static final EventType<Deleted> DELETED =
            EventType.of("item.deleted", Deleted.class, "id", new IdCodec<>(Deleted::id, Deleted::new));
    static final EventType<Numbered> NUMBERED = EventType.of("load.numbered", Numbered.class, null, noJson());

    /** How many records the test codecs encoded, for tests that count encodes. */
    public static final AtomicLong ENCODES = new AtomicLong();

    public static EventRegistry registry() {
        return EventRegistry.of(new TestEvents());
    }

    @Override
    public List<EventType<?>> eventTypes() {
        return List.of(CREATED, DELETED, NUMBERED);
    }

    @Override
    public Map<Class<?>, JsonCodec<?>> codecs() {
        return Map.of();
    }

    /** A hand-written codec writing {@code {"id":...}}, for tests that encode (the fan-out core). */
    static final class IdCodec<T> implements JsonCodec<T> {
        private final Function<T, String> id;
        private final Function<String, T> create;

        IdCodec(Function<T, String> id, Function<String, T> create) {
            this.id = id;
            this.create = create;
        }

        @Override
        public void encode(JsonWriter writer, T value) throws IOException {
            ENCODES.incrementAndGet();
            writer.writeStartObject(value);
            writer.writeFieldName("id");
            writer.writeString(id.apply(value));
            writer.writeEndObject();
        }

        @Override
        public T decode(JsonReader reader) throws IOException {
            if (reader.currentToken() != JsonToken.START_OBJECT) {
                throw EventDecodeException.of("expected an object");
            }
            String value = null;
            while (reader.nextToken() == JsonToken.FIELD_NAME) {
                String field = reader.currentName();
                reader.nextToken();
                if (field.equals("id")) {
                    value = reader.getText();
                } else {
                    reader.skipChildren();
                }
            }
            return create.apply(value);
        }
    }

    static <T> JsonCodec<T> noJson() {
        return new JsonCodec<>() {
            @Override
            public void encode(JsonWriter writer, T value) {
                throw new UnsupportedOperationException("bus tests do not encode");
            }

            @Override
            public T decode(JsonReader reader) {
                throw new UnsupportedOperationException("bus tests do not decode");
            }
        };
    }
}
