package dev.herald.runtime.internal;

/** Text helpers shared by the runtime's packages. */
public final class Texts {
    /** Longest excerpt of client input that goes into an error message or close reason. */
    static final int MAX_EXCERPT = 60;

    private Texts() {}

    /**
     * A short, printable excerpt of untrusted input for a message: control and non-ASCII characters
     * become {@code ?} (a close reason must stay under 123 bytes, a log line on one line), and long
     * text is cut with {@code ...}.
     */
    public static String excerpt(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= MAX_EXCERPT ? safe : safe.substring(0, MAX_EXCERPT - 3) + "...";
    }
}
