package dev.herald.runtime.fanout;

import dev.herald.runtime.internal.WebSocketFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One event's frame, built once and shared by every connection, in the form each path sends: the
 * finished wire frame for the servlet upgrade, which writes the socket's bytes itself, the
 * envelope as a {@code String} for the Jakarta WebSocket API, which frames it again per session,
 * and the Server-Sent Events form ({@code id:} and {@code data:} lines) for the SSE streams. The
 * {@code String} and the SSE bytes are made on first use, so a path never pays for another's.
 */
public final class TextFrame {
    /** Frames as the core builds them: events with their position, control frames without. */
    public static final WireFormat<TextFrame> FORMAT = new WireFormat<>() {
        @Override
        public TextFrame frame(byte[] json) {
            return TextFrame.of(json, null);
        }

        @Override
        public TextFrame eventFrame(byte[] json, String position) {
            return TextFrame.of(json, position);
        }
    };

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final byte[] wire;
    private final int payloadOffset;
    /** The event's position for the SSE {@code id:} line; {@code null} for a control frame. */
    private final String position;
    /**
     * Made on first use: a racing thread builds equal bytes, and the array is never changed after.
     * Volatile, unlike {@link #text}: an array has no final fields, so without it a thread could
     * see the reference before the bytes written into the array.
     */
    private volatile byte[] sse;
    /**
     * Made on first use. Threads may race to make it and each gets an equal string: a {@code
     * String}'s fields are final, so one published without a lock is seen whole.
     */
    private String text;

    private TextFrame(byte[] wire, int payloadOffset, String position) {
        this.wire = wire;
        this.payloadOffset = payloadOffset;
        this.position = position;
    }

    public static TextFrame of(byte[] json) {
        return of(json, null);
    }

    public static TextFrame of(byte[] json, String position) {
        return new TextFrame(WebSocketFrames.text(json), WebSocketFrames.headerLength(json.length), position);
    }

    /**
     * The frame as a Server-Sent Event: {@code id: <position>} (events only), {@code data: <the
     * envelope>}, a blank line. The envelope is one line: JSON strings escape line breaks.
     */
    public byte[] sse() {
        byte[] made = sse;
        if (made == null) {
            int length = payloadLength();
            byte[] id = position == null ? new byte[0] : position.getBytes(StandardCharsets.US_ASCII);
            int idLine = position == null ? 0 : ID.length + id.length + 1;
            made = new byte[idLine + DATA.length + length + 2];
            int at = 0;
            if (position != null) {
                System.arraycopy(ID, 0, made, 0, ID.length);
                System.arraycopy(id, 0, made, ID.length, id.length);
                made[idLine - 1] = '\n';
                at = idLine;
            }
            System.arraycopy(DATA, 0, made, at, DATA.length);
            System.arraycopy(wire, payloadOffset, made, at + DATA.length, length);
            made[made.length - 2] = '\n';
            made[made.length - 1] = '\n';
            sse = made;
        }
        return made;
    }

    private int payloadLength() {
        return wire.length - payloadOffset;
    }

    /** The finished frame; shared, do not change it. */
    public byte[] wire() {
        return wire;
    }

    /** The frame's payload, the envelope, as a view of its own: the bytes are shared, do not change them. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(wire, payloadOffset, wire.length - payloadOffset).slice();
    }

    /** The envelope's UTF-8 size, as the byte budget counts it. */
    public int bytes() {
        return wire.length - payloadOffset;
    }

    public String text() {
        String made = text;
        if (made == null) {
            made = new String(wire, payloadOffset, wire.length - payloadOffset, StandardCharsets.UTF_8);
            text = made;
        }
        return made;
    }
}
