package dev.herald.it;

import dev.herald.it.shapes.Shapes.Color;
import dev.herald.it.shapes.Shapes.Cycle;
import dev.herald.it.shapes.Shapes.CycleBack;
import dev.herald.it.shapes.Shapes.Elements;
import dev.herald.it.shapes.Shapes.Locals;
import dev.herald.it.shapes.Shapes.Maps;
import dev.herald.it.shapes.Shapes.Nested;
import dev.herald.it.shapes.Shapes.Optionals;
import dev.herald.it.shapes.Shapes.Point;
import dev.herald.it.shapes.Shapes.Renamed;
import dev.herald.it.shapes.Shapes.Scalars;
import dev.herald.it.shapes.Shapes.Sequences;
import dev.herald.it.shapes.Shapes.Times;
import dev.herald.it.shapes.Shapes.Tree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A seeded generator of shape events that favours edge cases: every escape class in strings, lone
 * and paired surrogates, empty and very long strings, extreme and non-finite numbers, nulls, deep
 * nesting.
 */
final class RandomValues {
    private static final double[] DOUBLES = {
        0d,
        -0d,
        1d,
        -1d,
        0.1,
        1e-300,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_NORMAL,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        9007199254740993d
    };
    private static final float[] FLOATS = {
        0f,
        -0f,
        1f,
        0.1f,
        Float.MIN_VALUE,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.MIN_NORMAL,
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        16777217f
    };
    private static final long[] LONGS = {
        0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L, 9007199254740993L
    };

    private final Random random;
    /** Lone surrogates make the reference mapper itself fail; tests that compare bytes may turn them off. */
    private final boolean loneSurrogates;
    /**
     * Whether values stay inside what the TypeScript types promise: no NaN or infinities (JSON
     * carries them as strings), and no nulls except in Optional and @Nullable positions.
     */
    private final boolean typed;

    RandomValues(long seed, boolean loneSurrogates) {
        this(seed, loneSurrogates, false);
    }

    RandomValues(long seed, boolean loneSurrogates, boolean typed) {
        this.random = new Random(seed);
        this.loneSurrogates = loneSurrogates;
        this.typed = typed;
    }

    Record next() {
        return switch (random.nextInt(8)) {
            case 0 -> scalars();
            case 1 -> times();
            case 2 -> sequences();
            case 3 -> maps();
            case 4 -> optionals();
            case 5 -> elements();
            case 6 -> locals();
            default -> nested();
        };
    }

    Scalars scalars() {
        return new Scalars(
                string(),
                random.nextBoolean(),
                maybe(random::nextBoolean),
                (byte) random.nextInt(),
                maybe(() -> (byte) random.nextInt()),
                (short) random.nextInt(),
                maybe(() -> (short) random.nextInt()),
                anInt(),
                maybe(this::anInt),
                aLong(),
                maybe(this::aLong),
                aFloat(),
                maybe(this::aFloat),
                aDouble(),
                maybe(this::aDouble),
                aChar(),
                maybe(this::aChar),
                maybe(() -> new UUID(random.nextLong(), random.nextLong())),
                maybe(this::bigDecimal),
                maybe(this::bigInteger));
    }

    Times times() {
        long seconds = random.nextLong() % 253_402_300_799L; // within years 0000..9999 either way
        int nanos = random.nextBoolean() ? 0 : random.nextInt(1_000_000_000);
        Instant instant = Instant.ofEpochSecond(Math.abs(seconds) % 32_503_680_000L, nanos);
        ZoneOffset offset =
                ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600 + (random.nextBoolean() ? 1800 : 0) % 3600);
        return new Times(
                maybe(() -> instant),
                maybe(() -> OffsetDateTime.ofInstant(instant, offset)),
                maybe(() -> LocalDate.ofEpochDay(random.nextInt(2_000_000) - 700_000)),
                maybe(() -> LocalDateTime.ofEpochSecond(instant.getEpochSecond(), nanos, ZoneOffset.UTC)),
                maybe(() -> Duration.ofSeconds(random.nextLong() % 10_000_000_000L, random.nextInt(1_000_000_000))));
    }

    Sequences sequences() {
        return new Sequences(
                maybe(() -> list(this::stringOrNull)),
                maybe(() -> new LinkedHashSet<>(list(() -> maybe(this::anInt)))),
                maybe(() -> list(this::pointOrNull).toArray(Point[]::new)),
                maybe(() ->
                        list(this::anInt).stream().mapToInt(Integer::intValue).toArray()),
                maybe(() ->
                        list(this::aLong).stream().mapToLong(Long::longValue).toArray()),
                maybe(() -> list(this::aDouble).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray()),
                maybe(() -> floats()),
                maybe(() -> shorts()),
                maybe(() -> booleans()),
                maybe(() -> bytes()),
                maybe(() -> string().toCharArray()),
                maybe(() -> list(() -> maybe(this::color))),
                maybe(() -> list(this::stringOrNull).toArray(String[]::new)));
    }

    Maps maps() {
        return new Maps(
                maybe(() -> map(this::pointOrNull)),
                maybe(() -> {
                    Map<Color, List<Integer>> map = new EnumMap<>(Color.class);
                    for (Color color : Color.values()) {
                        if (random.nextBoolean()) {
                            map.put(color, maybe(() -> list(() -> maybe(this::anInt))));
                        }
                    }
                    return map;
                }),
                maybe(() -> map(() -> random.nextBoolean() ? Optional.of(string()) : Optional.empty())));
    }

    Optionals optionals() {
        return new Optionals(
                optional(this::string),
                optional(this::point),
                random.nextInt(3) == 0 ? null : string(), // @Nullable
                optional(() -> list(this::point)),
                optional(this::color));
    }

    Nested nested() {
        return new Nested(
                maybe(() -> list(() -> map(() -> optional(this::point)))),
                maybe(() -> tree(random.nextInt(typed ? 8 : 60))),
                maybe(() -> new Renamed(stringOrNull(), null, anInt())),
                maybe(() -> cycle(random.nextInt(20))));
    }

    Elements elements() {
        return new Elements(
                maybe(() -> list(() -> maybe(() ->
                        list(this::anInt).stream().mapToInt(Integer::intValue).toArray()))),
                maybe(() -> map(() -> maybe(this::bytes))),
                maybe(() -> new LinkedHashSet<>(list(() -> maybe(times()::instant)))),
                optional(() -> new UUID(random.nextLong(), random.nextLong())),
                maybe(() -> list(() -> optional(() -> Duration.ofMillis(random.nextLong() % 1_000_000_000L)))),
                maybe(() -> {
                    Map<Color, char[]> map = new EnumMap<>(Color.class);
                    for (Color color : Color.values()) {
                        if (random.nextBoolean()) {
                            map.put(color, maybe(() -> string().toCharArray()));
                        }
                    }
                    return map;
                }),
                maybe(() -> list(
                        () -> maybe(() -> list(() -> maybe(this::bigDecimal)).toArray(BigDecimal[]::new)))));
    }

    Locals locals() {
        return new Locals(stringOrNull(), stringOrNull(), stringOrNull(), anInt(), stringOrNull(), aLong(), string());
    }

    Tree tree(int depth) {
        if (depth == 0) {
            return new Tree(string(), random.nextBoolean() || typed ? List.of() : null);
        }
        List<Tree> children = new ArrayList<>();
        children.add(tree(depth - 1));
        if (random.nextInt(8) == 0) {
            children.add(tree(Math.min(2, depth - 1)));
        }
        return new Tree(string(), children);
    }

    Cycle cycle(int depth) {
        return new Cycle(
                string(), maybe(() -> new CycleBack(depth == 0 ? Optional.empty() : Optional.of(cycle(depth - 1)))));
    }

    // ---- leaves ------------------------------------------------------------------------------

    String string() {
        int kind = random.nextInt(50);
        if (kind == 0) {
            return longString();
        }
        return switch (kind % 5) {
            case 0 -> "";
            case 1 -> "asset-" + random.nextInt(1000);
            default -> tricky(random.nextInt(24));
        };
    }

    String stringOrNull() {
        return !typed && random.nextInt(8) == 0 ? null : string();
    }

    private String longString() {
        StringBuilder out = new StringBuilder();
        int length = 5_000 + random.nextInt(30_000);
        while (out.length() < length) {
            out.append(tricky(64));
        }
        return out.toString();
    }

    /** Characters from every escape class: controls, quote, backslash, DEL, Latin-1, BMP, astral, surrogates. */
    private String tricky(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(loneSurrogates ? 10 : 9)) {
                case 0 -> out.append((char) random.nextInt(0x20));
                case 1 -> out.append(random.nextBoolean() ? '"' : '\\');
                case 2 -> out.append(random.nextBoolean() ? '\u007f' : '/');
                case 3 -> out.append((char) (0x80 + random.nextInt(0x780)));
                case 4 -> out.append((char) (0x800 + random.nextInt(0xD000)));
                case 5 -> out.appendCodePoint(0x10000 + random.nextInt(0x100000)); // paired surrogates
                case 6 -> out.append(random.nextBoolean() ? '\u2028' : '\ufeff');
                case 7 -> out.append((char) (0xE000 + random.nextInt(0x1FFE)));
                case 8 -> out.append((char) ('a' + random.nextInt(26)));
                default -> out.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
            }
        }
        return out.toString();
    }

    private char aChar() {
        int kind = random.nextInt(loneSurrogates ? 4 : 3);
        return switch (kind) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> (char) ('a' + random.nextInt(26));
            case 2 -> (char) (0xE000 + random.nextInt(0x1000));
            default -> (char) (0xD800 + random.nextInt(0x800));
        };
    }

    private int anInt() {
        return random.nextInt(4) == 0
                ? (random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                : random.nextInt();
    }

    private long aLong() {
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
    }

    private double aDouble() {
        double value = anyDouble();
        return !typed || Double.isFinite(value) ? value : 0.5;
    }

    private float aFloat() {
        float value = anyFloat();
        return !typed || Float.isFinite(value) ? value : 0.25f;
    }

    private double anyDouble() {
        return random.nextBoolean()
                ? DOUBLES[random.nextInt(DOUBLES.length)]
                : Double.longBitsToDouble(random.nextLong());
    }

    private float anyFloat() {
        return random.nextBoolean() ? FLOATS[random.nextInt(FLOATS.length)] : Float.intBitsToFloat(random.nextInt());
    }

    private BigDecimal bigDecimal() {
        return switch (random.nextInt(4)) {
            case 0 -> new BigDecimal(bigInteger(), random.nextInt(40) - 20);
            case 1 -> new BigDecimal("1E+" + random.nextInt(400));
            case 2 -> new BigDecimal("-0.000");
            default -> BigDecimal.valueOf(random.nextDouble());
        };
    }

    private BigInteger bigInteger() {
        return new BigInteger(1 + random.nextInt(300), random)
                .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
    }

    private Color color() {
        return Color.values()[random.nextInt(Color.values().length)];
    }

    private Point point() {
        return new Point(anInt(), anInt());
    }

    private Point pointOrNull() {
        return !typed && random.nextInt(8) == 0 ? null : point();
    }

    private float[] floats() {
        float[] values = new float[random.nextInt(5)];
        for (int i = 0; i < values.length; i++) {
            values[i] = aFloat();
        }
        return values;
    }

    private short[] shorts() {
        short[] values = new short[random.nextInt(5)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) random.nextInt();
        }
        return values;
    }

    private boolean[] booleans() {
        boolean[] values = new boolean[random.nextInt(5)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean();
        }
        return values;
    }

    private byte[] bytes() {
        byte[] values = new byte[random.nextInt(100)];
        random.nextBytes(values);
        return values;
    }

    // ---- containers --------------------------------------------------------------------------

    private <T> List<T> list(Supplier<T> element) {
        int size = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
        List<T> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    private <V> Map<String, V> map(Supplier<V> value) {
        Map<String, V> map = new LinkedHashMap<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            // Jackson caps names at 50,000 characters (StreamReadConstraints), so keys stay short.
            String key = string();
            map.put(key.length() > 1_000 ? key.substring(0, key.offsetByCodePoints(0, 500)) : key, value.get());
        }
        return map;
    }

    private <T> Optional<T> optional(Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private <T> T maybe(Supplier<T> value) {
        return !typed && random.nextInt(6) == 0 ? null : value.get();
    }
}
