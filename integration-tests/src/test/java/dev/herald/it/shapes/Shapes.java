package dev.herald.it.shapes;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.herald.Event;
import dev.herald.EventKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Events using every type of the type mapping (docs/ARCHITECTURE.md), for the codec equivalence tests. */
public final class Shapes {
    private Shapes() {}

    /** Every scalar, primitive and boxed. */
    @Event("shape.scalars")
    public record Scalars(
            @EventKey String id,
            boolean a,
            Boolean b,
            byte c,
            Byte d,
            short e,
            Short f,
            int g,
            Integer h,
            long i,
            Long j,
            float k,
            Float l,
            double m,
            Double n,
            char o,
            Character p,
            UUID r,
            BigDecimal s,
            BigInteger t) {}

    @Event("shape.times")
    public record Times(
            Instant instant, OffsetDateTime offset, LocalDate date, LocalDateTime local, Duration duration) {}

    @Event("shape.sequences")
    public record Sequences(
            List<String> strings,
            Set<Integer> ints,
            Point[] points,
            int[] intArray,
            long[] longArray,
            double[] doubleArray,
            float[] floatArray,
            short[] shortArray,
            boolean[] booleanArray,
            byte[] bytes,
            char[] chars,
            List<Color> colors,
            String[] stringArray) {}

    @Event("shape.maps")
    public record Maps(
            Map<String, Point> byName, Map<Color, List<Integer>> byColor, Map<String, Optional<String>> optionals) {}

    @Event("shape.optionals")
    public record Optionals(
            Optional<String> name,
            Optional<Point> point,
            @Nullable String nullable,
            Optional<List<Point>> points,
            Optional<Color> color) {}

    @Event("shape.nested")
    public record Nested(List<Map<String, Optional<Point>>> deep, Tree tree, Renamed renamed, Cycle cycle) {}

    /** Leaves that travel inside containers through their own element codecs. */
    @Event("shape.elements")
    public record Elements(
            List<int[]> rows,
            Map<String, byte[]> blobs,
            Set<Instant> times,
            Optional<UUID> id,
            List<Optional<Duration>> durations,
            Map<Color, char[]> letters,
            List<BigDecimal[]> amounts) {}

    /** Components named like the generated decoder's own locals. */
    @Event("shape.locals")
    public record Locals(String gen, String value, String parser, int field, String field_, long expected, String e) {}

    public record Point(int x, int y) {}

    public enum Color {
        RED,
        @JsonProperty("verde")
        GREEN,
        BLUE;

        /** Not its JSON name: Jackson 3's mapper writes an enum's toString() by default, Herald never. */
        @Override
        public String toString() {
            return "color " + name().toLowerCase(Locale.ROOT);
        }
    }

    /** A record that contains itself. */
    public record Tree(String label, List<Tree> children) {}

    /**
     * Renamed and ignored components, with the Jackson annotations Herald accepts because they change
     * nothing Jackson writes (on Jackson 2 and Jackson 3 alike, as the equivalence test checks).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"Renamed-Name", "plain"})
    public record Renamed(
            @JsonProperty("Renamed-Name")
            @JsonPropertyDescription("Its name.")
            @JsonAlias("name")
            @JsonFormat(shape = JsonFormat.Shape.STRING)
            String name,

            @JsonIgnore String ignored,
            int plain) {
        @JsonGetter("plain")
        @Override
        public int plain() {
            return plain;
        }
    }

    /** A contains B contains A. */
    public record Cycle(String id, CycleBack back) {}

    public record CycleBack(Optional<Cycle> next) {}
}
