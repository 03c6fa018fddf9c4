package dev.herald.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.herald.runtime.json.JsonCodec;
import java.util.List;
import java.util.Map;

/** A hand-written catalog standing in for a generated one, so the bus is tested without the processor. */
final class TestEvents implements EventCatalog {
    record Created(String id) {}

    record Deleted(String id) {}

    record Numbered(int thread, int seq) {}

    record Unknown(String id) {}

    static final EventType<Created> CREATED = EventType.of("item.created", Created.class, "id", new CreatedCodec());
    static final EventType<Deleted> DELETED = EventType.of("item.deleted", Deleted.class, "id", noJson());
    static final EventType<Numbered> NUMBERED = EventType.of("load.numbered", Numbered.class, null, noJson());

    static EventRegistry registry() {
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

    /** A hand-written codec, for tests that encode (the fan-out core). */
    static final class CreatedCodec implements JsonCodec<Created> {
        @Override
        public void encode(JsonGenerator gen, Created value) throws java.io.IOException {
            gen.writeStartObject();
            gen.writeStringField("id", value.id());
            gen.writeEndObject();
        }

        @Override
        public Created decode(JsonParser parser) {
            throw new UnsupportedOperationException("not needed");
        }
    }

    static <T> JsonCodec<T> noJson() {
        return new JsonCodec<>() {
            @Override
            public void encode(JsonGenerator gen, T value) {
                throw new UnsupportedOperationException("bus tests do not encode");
            }

            @Override
            public T decode(JsonParser parser) {
                throw new UnsupportedOperationException("bus tests do not decode");
            }
        };
    }
}
