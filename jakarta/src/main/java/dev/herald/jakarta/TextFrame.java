package dev.herald.jakarta;

import dev.herald.runtime.internal.WebSocketFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One event's frame, built once and shared by every connection, in the form each path sends: the
 * finished wire frame for the servlet upgrade, which writes the socket's bytes itself, and the
 * envelope as a {@code String} for the Jakarta WebSocket API, which frames it again per session.
 * The {@code String} is made on first use, so the upgrade path never pays for it.
 */
final class TextFrame {
    private final byte[] wire;
    private final int payloadOffset;
    /**
     * Made on first use. Threads may race to make it and each gets an equal string: a {@code
     * String}'s fields are final, so one published without a lock is seen whole.
     */
    private String text;

    private TextFrame(byte[] wire, int payloadOffset) {
        this.wire = wire;
        this.payloadOffset = payloadOffset;
    }

    static TextFrame of(byte[] json) {
        return new TextFrame(WebSocketFrames.text(json), WebSocketFrames.headerLength(json.length));
    }

    /** The finished frame; shared, do not change it. */
    byte[] wire() {
        return wire;
    }

    /** The frame's payload, the envelope, as a view of its own: the bytes are shared, do not change them. */
    ByteBuffer payload() {
        return ByteBuffer.wrap(wire, payloadOffset, wire.length - payloadOffset).slice();
    }

    /** The envelope's UTF-8 size, as the byte budget counts it. */
    int bytes() {
        return wire.length - payloadOffset;
    }

    String text() {
        String made = text;
        if (made == null) {
            made = new String(wire, payloadOffset, wire.length - payloadOffset, StandardCharsets.UTF_8);
            text = made;
        }
        return made;
    }
}
