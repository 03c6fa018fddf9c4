package dev.herald.runtime.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_INSTANT} with fast paths for the canonical form of years 0000 to
 * 9999 ({@code 2024-01-06T00:00:00.123Z}), which is what events carry. Everything else goes to the
 * formatter, so results are always identical to it.
 */
final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long MAX_FAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstant() {}

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < -62_167_219_200L || seconds > MAX_FAST_SECOND) { // before 0000-01-01 or after 9999
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int nanos = instant.getNano();
        char[] out = new char[30];
        int at = 0;
        at = digits(out, at, date.getYear(), 4);
        out[at++] = '-';
        at = digits(out, at, date.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, date.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, secondOfDay / 3600, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay / 60 % 60, 2);
        out[at++] = ':';
        at = digits(out, at, secondOfDay % 60, 2);
        if (nanos != 0) {
            out[at++] = '.';
            // ISO_INSTANT prints the fraction in groups of three digits, as many as needed.
            if (nanos % 1_000_000 == 0) {
                at = digits(out, at, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                at = digits(out, at, nanos / 1_000, 6);
            } else {
                at = digits(out, at, nanos, 9);
            }
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    static Instant parse(String text) {
        int length = text.length();
        if (length >= 20 && length <= 30 && isCanonical(text)) {
            try {
                int year = number(text, 0, 4);
                int month = number(text, 5, 2);
                int day = number(text, 8, 2);
                int hour = number(text, 11, 2);
                int minute = number(text, 14, 2);
                int second = number(text, 17, 2);
                if (hour < 24 && minute < 60 && second < 60) {
                    int nanos = 0;
                    if (length > 20) {
                        int fractionDigits = length - 21;
                        nanos = number(text, 20, fractionDigits);
                        for (int i = fractionDigits; i < 9; i++) {
                            nanos *= 10;
                        }
                    }
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
                }
            } catch (DateTimeException e) {
                // fall through: the formatter reports it the same way it always does
            }
        }
        return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    }

    /** {@code dddd-dd-ddTdd:dd:dd} then {@code Z} or {@code .} 1-9 digits {@code Z}. */
    private static boolean isCanonical(String text) {
        int length = text.length();
        for (int i = 0; i < 19; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        if (text.charAt(length - 1) != 'Z') {
            return false;
        }
        if (length == 20) {
            return true;
        }
        if (text.charAt(19) != '.' || length == 21) {
            return false;
        }
        for (int i = 20; i < length - 1; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static int digits(char[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + count;
    }
}
