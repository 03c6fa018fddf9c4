package dev.herald.runtime.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.herald.runtime.codec.FieldName;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonToken;
import dev.herald.runtime.codec.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Herald's JSON on Jackson 2 ({@code com.fasterxml.jackson.core}, 2.15 or later). */
final class Jackson2Backend extends JsonBackend {
    private final JsonFactory factory;

    Jackson2Backend() {
        JacksonVersion.ensureSupported();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
    }

    @Override
    Jackson jackson() {
        return Jackson.V2;
    }

    @Override
    String describe() {
        return "Jackson " + PackageVersion.VERSION;
    }

    @Override
    DocumentWriter newDocumentWriter() {
        return new DocumentWriter() {
            private final JsonGenerator gen = createGenerator(out);
            private final Writer writer = new Writer(gen);

            @Override
            JsonWriter writer() {
                return writer;
            }

            @Override
            void flush() throws IOException {
                gen.flush();
            }
        };
    }

    private JsonGenerator createGenerator(Buffer out) {
        try {
            JsonGenerator gen = factory.createGenerator(out);
            gen.setRootValueSeparator(null); // one value after another, nothing between
            return gen;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a generator", e);
        }
    }

    @Override
    DocumentReader newDocumentReader() {
        return new DocumentReader() {
            private JsonParser parser;
            private Reader reader;

            @Override
            void open() throws IOException {
                parser = factory.createParser(input);
                reader = new Reader(parser);
            }

            @Override
            JsonReader reader() {
                return reader;
            }

            @Override
            int releaseBuffered() throws IOException {
                return parser.releaseBuffered(DISCARD);
            }

            @Override
            boolean inRoot() {
                return parser.getParsingContext().inRoot();
            }
        };
    }

    /** The name's Jackson 2 form, made on first use (see {@link FieldName} on threads). */
    private static SerializedString encoded(FieldName name) {
        return (SerializedString) name.encoded(0, SerializedString::new);
    }

    /**
     * Jackson's message without its location: the thread's parser reads document after document,
     * so its line and column count from the first one. A truncated document says just that.
     */
    private static EventDecodeException malformed(JsonProcessingException e) {
        String problem = e instanceof JsonEOFException ? "unexpected end of input" : e.getOriginalMessage();
        return EventDecodeException.of("malformed JSON: " + problem, e);
    }

    /** Writes through a Jackson 2 generator: the backend's own, or one an {@code ObjectMapper} passes. */
    static final class Writer extends JsonWriter {
        private final JsonGenerator gen;

        Writer(JsonGenerator gen) {
            this.gen = gen;
        }

        @Override
        public void writeStartObject(Object value) throws IOException {
            gen.writeStartObject(value);
        }

        @Override
        public void writeEndObject() throws IOException {
            gen.writeEndObject();
        }

        @Override
        public void writeStartArray(Object value, int size) throws IOException {
            gen.writeStartArray(value, size);
        }

        @Override
        public void writeEndArray() throws IOException {
            gen.writeEndArray();
        }

        @Override
        public void writeFieldName(FieldName name) throws IOException {
            gen.writeFieldName(encoded(name));
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            gen.writeFieldName(name);
        }

        @Override
        public void writeString(String text) throws IOException {
            gen.writeString(text);
        }

        @Override
        public void writeString(FieldName text) throws IOException {
            gen.writeString(encoded(text));
        }

        @Override
        public void writeString(char[] text, int offset, int length) throws IOException {
            gen.writeString(text, offset, length);
        }

        @Override
        public void writeNumber(short value) throws IOException {
            gen.writeNumber(value);
        }

        @Override
        public void writeNumber(int value) throws IOException {
            gen.writeNumber(value);
        }

        @Override
        public void writeNumber(long value) throws IOException {
            gen.writeNumber(value);
        }

        @Override
        public void writeNumber(float value) throws IOException {
            gen.writeNumber(value);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            gen.writeNumber(value);
        }

        @Override
        public void writeBoolean(boolean value) throws IOException {
            gen.writeBoolean(value);
        }

        @Override
        public void writeNull() throws IOException {
            gen.writeNull();
        }

        @Override
        public void writeBinary(byte[] bytes) throws IOException {
            gen.writeBinary(bytes);
        }

        @Override
        public void writeArray(int[] values, int offset, int length) throws IOException {
            gen.writeArray(values, offset, length);
        }

        @Override
        public void writeArray(long[] values, int offset, int length) throws IOException {
            gen.writeArray(values, offset, length);
        }

        @Override
        public void writeArray(double[] values, int offset, int length) throws IOException {
            gen.writeArray(values, offset, length);
        }
    }

    /** Reads through a Jackson 2 parser: the backend's own, or one an {@code ObjectMapper} passes. */
    static final class Reader extends JsonReader {
        private static final JsonToken[] TOKENS = tokens();

        private final JsonParser parser;

        /**
         * The parser's current token in Herald's terms, kept because codecs ask for it more often
         * than they move: every method that moves the parser updates it, and nothing else moves
         * the parser while a codec reads.
         */
        private JsonToken current;

        Reader(JsonParser parser) {
            this.parser = parser;
            this.current = ours(parser.currentToken());
        }

        private static JsonToken[] tokens() {
            com.fasterxml.jackson.core.JsonToken[] theirs = com.fasterxml.jackson.core.JsonToken.values();
            JsonToken[] ours = new JsonToken[theirs.length];
            for (com.fasterxml.jackson.core.JsonToken token : theirs) {
                ours[token.ordinal()] = switch (token) {
                    case NOT_AVAILABLE -> JsonToken.NOT_AVAILABLE;
                    case START_OBJECT -> JsonToken.START_OBJECT;
                    case END_OBJECT -> JsonToken.END_OBJECT;
                    case START_ARRAY -> JsonToken.START_ARRAY;
                    case END_ARRAY -> JsonToken.END_ARRAY;
                    case FIELD_NAME -> JsonToken.FIELD_NAME;
                    case VALUE_STRING -> JsonToken.VALUE_STRING;
                    case VALUE_NUMBER_INT -> JsonToken.VALUE_NUMBER_INT;
                    case VALUE_NUMBER_FLOAT -> JsonToken.VALUE_NUMBER_FLOAT;
                    case VALUE_TRUE -> JsonToken.VALUE_TRUE;
                    case VALUE_FALSE -> JsonToken.VALUE_FALSE;
                    case VALUE_NULL -> JsonToken.VALUE_NULL;
                    default -> JsonToken.OTHER;
                };
            }
            return ours;
        }

        private static JsonToken ours(com.fasterxml.jackson.core.JsonToken token) {
            return token == null ? null : TOKENS[token.ordinal()];
        }

        @Override
        public JsonToken currentToken() {
            return current;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            try {
                return current = ours(parser.nextToken());
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public boolean nextFieldName(FieldName name) throws IOException {
            try {
                if (parser.nextFieldName(encoded(name))) {
                    current = JsonToken.FIELD_NAME;
                    return true;
                }
                current = ours(parser.currentToken());
                return false;
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public String nextFieldName() throws IOException {
            try {
                String name = parser.nextFieldName();
                current = ours(parser.currentToken());
                return name;
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public String currentName() throws IOException {
            return parser.currentName();
        }

        @Override
        public String getText() throws IOException {
            try {
                return parser.getText();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public boolean isBigInteger() throws IOException {
            try {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER;
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public long getLongValue() throws IOException {
            try {
                return parser.getLongValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public float getFloatValue() throws IOException {
            try {
                return parser.getFloatValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public double getDoubleValue() throws IOException {
            try {
                return parser.getDoubleValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            try {
                return parser.getDecimalValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public BigInteger getBigIntegerValue() throws IOException {
            try {
                return parser.getBigIntegerValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public byte[] getBinaryValue() throws IOException {
            try {
                return parser.getBinaryValue();
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }

        @Override
        public void skipChildren() throws IOException {
            try {
                parser.skipChildren();
                current = ours(parser.currentToken());
            } catch (JsonProcessingException e) {
                throw malformed(e);
            }
        }
    }
}
