package dev.herald.runtime.internal;

import java.nio.charset.StandardCharsets;

/**
 * Server-to-client WebSocket frames (RFC 6455 section 5.2), built as finished bytes. A server frame
 * has no mask, so one event's frame is the same bytes for every connection: the transports that
 * write to the socket themselves (the standalone server, the servlet upgrade) build it once and
 * share it.
 */
public final class WebSocketFrames {
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_CLOSE = 0x8;
    private static final int OPCODE_PING = 0x9;
    private static final int OPCODE_PONG = 0xA;

    /** A ping without payload. */
    private static final byte[] PING = {(byte) (0x80 | OPCODE_PING), 0};

    /** Longest close reason in bytes: a control frame carries at most 125, two of them the code. */
    static final int MAX_REASON_BYTES = 123;

    private WebSocketFrames() {}

    /** A final text frame carrying {@code json}. */
    public static byte[] text(byte[] json) {
        return frame(OPCODE_TEXT, json, json.length);
    }

    /** Where the payload starts in a frame of {@code payloadLength} bytes. */
    public static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
    }

    /** A ping without payload; the array is shared, do not change it. */
    public static byte[] ping() {
        return PING;
    }

    /** A pong answering a ping with {@code payload} (at most 125 bytes, as the ping's). */
    public static byte[] pong(byte[] payload) {
        return frame(OPCODE_PONG, payload, payload.length);
    }

    /** A close frame with a code and a reason, the reason cut to what a control frame carries. */
    public static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int reasonLength = Math.min(text.length, MAX_REASON_BYTES);
        while (reasonLength < text.length && reasonLength > 0 && (text[reasonLength] & 0xC0) == 0x80) {
            reasonLength--; // cut before a character, not inside one: the client checks the UTF-8
        }
        byte[] payload = new byte[2 + reasonLength];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, reasonLength);
        return frame(OPCODE_CLOSE, payload, payload.length);
    }

    private static byte[] frame(int opcode, byte[] payload, int length) {
        int header = headerLength(length);
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode); // FIN
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
