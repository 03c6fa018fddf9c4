package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.codec.JsonCodec;
import java.io.IOException;
import java.util.Map;

/**
 * Makes a Jackson 2 {@code ObjectMapper} use Herald's generated codecs for every event and payload
 * type, so that it writes exactly the {@code data} of Herald's wire envelope: {@code
 * mapper.registerModule(new HeraldModule())}. For Jackson 3's {@code JsonMapper}, use {@link
 * HeraldJackson3Module}.
 */
public final class HeraldModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, JsonCodec<?>> codecs;

    /** Uses the codecs of every event catalog on the class path. */
    public HeraldModule() {
        this(EventRegistry.load());
    }

    /** Uses the codecs of {@code registry}. */
    public HeraldModule(EventRegistry registry) {
        super("HeraldModule", Version.unknownVersion());
        this.codecs = registry.codecs();
    }

    @Override
    public void setupModule(SetupContext context) {
        SimpleSerializers serializers = new SimpleSerializers();
        SimpleDeserializers deserializers = new SimpleDeserializers();
        codecs.forEach((type, codec) -> register(serializers, deserializers, type, codec));
        context.addSerializers(serializers);
        context.addDeserializers(deserializers);
    }

    @SuppressWarnings("unchecked")
    private static <T> void register(
            SimpleSerializers serializers, SimpleDeserializers deserializers, Class<T> type, JsonCodec<?> codec) {
        JsonCodec<T> typed = (JsonCodec<T>) codec;
        serializers.addSerializer(type, new CodecSerializer<>(type, typed));
        deserializers.addDeserializer(type, new CodecDeserializer<>(typed));
    }

    private static final class CodecSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;
        private final JsonCodec<T> codec;

        CodecSerializer(Class<T> type, JsonCodec<T> codec) {
            this.type = type;
            this.codec = codec;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            codec.encode(new Jackson2Backend.Writer(gen), value);
        }

        @Override
        public Class<T> handledType() {
            return type;
        }
    }

    private static final class CodecDeserializer<T> extends JsonDeserializer<T> {
        private final JsonCodec<T> codec;

        CodecDeserializer(JsonCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return codec.decode(new Jackson2Backend.Reader(parser));
            } catch (EventDecodeException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }
    }
}
