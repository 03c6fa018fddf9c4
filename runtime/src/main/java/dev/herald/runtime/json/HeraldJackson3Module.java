package dev.herald.runtime.json;

import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.codec.JsonCodec;
import java.io.IOException;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.Version;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * Makes a Jackson 3 {@code JsonMapper} use Herald's generated codecs for every event and payload
 * type, so that it writes exactly the {@code data} of Herald's wire envelope: {@code
 * JsonMapper.builder().addModule(new HeraldJackson3Module()).build()}. For Jackson 2's {@code
 * ObjectMapper}, use {@link HeraldModule}.
 */
public final class HeraldJackson3Module extends SimpleModule {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, JsonCodec<?>> codecs;

    /** Uses the codecs of every event catalog on the class path. */
    public HeraldJackson3Module() {
        this(EventRegistry.load());
    }

    /** Uses the codecs of {@code registry}. */
    public HeraldJackson3Module(EventRegistry registry) {
        super("HeraldJackson3Module", Version.unknownVersion());
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

    private static final class CodecSerializer<T> extends ValueSerializer<T> {
        private final Class<T> type;
        private final JsonCodec<T> codec;

        CodecSerializer(Class<T> type, JsonCodec<T> codec) {
            this.type = type;
            this.codec = codec;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializationContext context) {
            try {
                codec.encode(new Jackson3Backend.Writer(gen), value);
            } catch (IOException e) { // Jackson 3 reports I/O failures unchecked; this is for the seam's signature
                throw DatabindException.from(gen, "cannot write " + type.getName(), e);
            }
        }

        @Override
        public Class<T> handledType() {
            return type;
        }
    }

    private static final class CodecDeserializer<T> extends ValueDeserializer<T> {
        private final JsonCodec<T> codec;

        CodecDeserializer(JsonCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            try {
                return codec.decode(new Jackson3Backend.Reader(parser));
            } catch (EventDecodeException e) {
                throw DatabindException.from(parser, e.getMessage(), e);
            } catch (IOException e) {
                throw DatabindException.from(parser, String.valueOf(e.getMessage()), e);
            }
        }
    }
}
