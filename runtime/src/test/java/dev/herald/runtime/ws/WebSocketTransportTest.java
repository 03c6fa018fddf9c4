package dev.herald.runtime.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.Test;

/** The shared wire frames are exactly what Java-WebSocket itself writes for a server text frame. */
class WebSocketTransportTest {
    @Test
    void wireFrameMatchesTheLibrarysFrame_atEveryLengthEncoding() {
        Draft_6455 draft = new Draft_6455();
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 70_000}) {
            byte[] json = new byte[length];
            Arrays.fill(json, (byte) 'x');
            TextFrame frame = new TextFrame();
            frame.setPayload(ByteBuffer.wrap(json));
            frame.setFin(true);
            ByteBuffer expected = draft.createBinaryFrame((Framedata) frame);
            byte[] expectedBytes = new byte[expected.remaining()];
            expected.get(expectedBytes);

            assertThat(WebSocketTransport.wireFrame(json))
                    .as("length " + length)
                    .isEqualTo(expectedBytes);
        }
    }
}
