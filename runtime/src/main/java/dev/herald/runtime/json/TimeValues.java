package dev.herald.runtime.json;

import dev.herald.runtime.codec.JsonCodec;
import dev.herald.runtime.codec.JsonReader;
import dev.herald.runtime.codec.JsonWriter;
import dev.herald.runtime.internal.Texts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQuery;

/**
 * The java.time types as ISO-8601 strings, for generated codecs; {@code Instant} has a fast path
 * that gives exactly {@code DateTimeFormatter.ISO_INSTANT}'s result. Public only for generated code.
 */
public final class TimeValues {
    private TimeValues() {}

    // ---- element codecs: values inside lists, sets, arrays, maps and Optionals (null allowed) -----

    public static final JsonCodec<Instant> INSTANT = ValueCodec.of(TimeValues::writeInstant, TimeValues::readInstant);
    public static final JsonCodec<OffsetDateTime> OFFSET_DATE_TIME =
            ValueCodec.of(TimeValues::writeOffsetDateTime, TimeValues::readOffsetDateTime);
    public static final JsonCodec<LocalDate> LOCAL_DATE =
            ValueCodec.of(TimeValues::writeLocalDate, TimeValues::readLocalDate);
    public static final JsonCodec<LocalDateTime> LOCAL_DATE_TIME =
            ValueCodec.of(TimeValues::writeLocalDateTime, TimeValues::readLocalDateTime);
    public static final JsonCodec<Duration> DURATION =
            ValueCodec.of(TimeValues::writeDuration, TimeValues::readDuration);

    // ---- java.time -------------------------------------------------------------------------

    public static Instant readInstant(JsonReader reader) throws IOException {
        String text = Scalars.readString(reader);
        if (text == null) {
            return null;
        }
        try {
            return IsoInstant.parse(text);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an ISO-8601 instant");
        }
    }

    public static OffsetDateTime readOffsetDateTime(JsonReader reader) throws IOException {
        return readTime(
                reader,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME,
                OffsetDateTime::from,
                "an ISO-8601 date-time with offset");
    }

    public static LocalDate readLocalDate(JsonReader reader) throws IOException {
        return readTime(reader, DateTimeFormatter.ISO_LOCAL_DATE, LocalDate::from, "an ISO-8601 date");
    }

    public static LocalDateTime readLocalDateTime(JsonReader reader) throws IOException {
        return readTime(
                reader, DateTimeFormatter.ISO_LOCAL_DATE_TIME, LocalDateTime::from, "an ISO-8601 local date-time");
    }

    public static Duration readDuration(JsonReader reader) throws IOException {
        String text = Scalars.readString(reader);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not an ISO-8601 duration");
        }
    }

    private static <T> T readTime(JsonReader reader, DateTimeFormatter format, TemporalQuery<T> query, String what)
            throws IOException {
        String text = Scalars.readString(reader);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = format.parse(text);
            return query.queryFrom(parsed);
        } catch (RuntimeException e) {
            throw EventDecodeException.of("\"" + Texts.excerpt(text) + "\" is not " + what);
        }
    }

    public static void writeInstant(JsonWriter writer, Instant value) throws IOException {
        writer.writeString(value == null ? null : IsoInstant.format(value));
    }

    public static void writeOffsetDateTime(JsonWriter writer, OffsetDateTime value) throws IOException {
        writer.writeString(value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
    }

    public static void writeLocalDate(JsonWriter writer, LocalDate value) throws IOException {
        writer.writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(value));
    }

    public static void writeLocalDateTime(JsonWriter writer, LocalDateTime value) throws IOException {
        writer.writeString(value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value));
    }

    public static void writeDuration(JsonWriter writer, Duration value) throws IOException {
        writer.writeString(value == null ? null : value.toString());
    }
}
