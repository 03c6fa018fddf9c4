package dev.herald.jakarta;

import java.nio.charset.StandardCharsets;

/**
 * A frame as the Jakarta transport sends it: the envelope as a {@code String}, built once per event
 * and shared by every session, with its UTF-8 size for the byte budget.
 */
record TextFrame(String text, int bytes) {
    static TextFrame of(byte[] json) {
        return new TextFrame(new String(json, StandardCharsets.UTF_8), json.length);
    }
}
