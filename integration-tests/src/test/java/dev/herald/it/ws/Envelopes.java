package dev.herald.it.ws;

/** What tests take out of an envelope frame {@code {"event":...,"data":...,"ts":...,"id":...}} as it was sent. */
public final class Envelopes {
    private static final String DATA = ",\"data\":";
    private static final String TS = ",\"ts\":";

    private Envelopes() {}

    /** The {@code data} value's text, byte for byte as the frame carries it. */
    public static String data(String frame) {
        int start = frame.indexOf(DATA);
        int end = frame.lastIndexOf(TS);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not an event envelope: " + frame);
        }
        return frame.substring(start + DATA.length(), end);
    }
}
