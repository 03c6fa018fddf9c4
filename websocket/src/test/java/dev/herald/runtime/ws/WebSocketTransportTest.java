package dev.herald.runtime.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.internal.WebSocketFrames;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared wire frames are exactly what Java-WebSocket itself writes for a server text frame, and
 * the sweep's look at the queue renews a write demand the library's selector lost.
 */
class WebSocketTransportTest {
    private ServerSocketChannel listener;
    private SocketChannel peer;
    private SocketChannel serverSide;
    private Selector selector;
    private SelectionKey key;
    private WebSocketImpl socket;
    private final List<WebSocketImpl> demands = new CopyOnWriteArrayList<>();
    private WebSocketTransport transport;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        peer = SocketChannel.open(listener.getLocalAddress());
        serverSide = listener.accept();
        serverSide.configureBlocking(false);
        selector = Selector.open();
        key = serverSide.register(selector, SelectionKey.OP_READ);
        // The transport reads the send queue, the channel and the key; the listener is never called.
        WebSocketListener ignored = (WebSocketListener) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {WebSocketListener.class}, (proxy, method, args) -> null);
        socket = new WebSocketImpl(ignored, (Draft) null);
        socket.setChannel(new GatheringChannel(serverSide, socket.outQueue));
        socket.setSelectionKey(key);
        transport = new WebSocketTransport(socket, null, demands::add);
    }

    @AfterEach
    void close() throws IOException {
        selector.close();
        peer.close();
        serverSide.close();
        listener.close();
    }

    @Test
    void aQueuedFrameWhoseWriteDemandTheSelectorOverwrote_getsANewDemandOnTheSweep() {
        socket.outQueue.add(ByteBuffer.wrap(WebSocketFrames.text(new byte[10])));
        key.interestOps(SelectionKey.OP_READ); // what the selector does after its write loop

        assertThat(transport.queuedBytes()).isEqualTo(12);
        assertThat(demands).containsExactly(socket);
    }

    @Test
    void aDemandStillStanding_orNothingQueued_isLeftAlone() {
        assertThat(transport.queuedBytes()).isZero();
        socket.outQueue.add(ByteBuffer.wrap(WebSocketFrames.text(new byte[10])));
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);

        assertThat(transport.queuedBytes()).isEqualTo(12);
        assertThat(demands).isEmpty();
    }

    @Test
    void aClosedKey_isLeftAlone() {
        socket.outQueue.add(ByteBuffer.wrap(WebSocketFrames.text(new byte[10])));
        key.cancel();

        assertThat(transport.queuedBytes()).isEqualTo(12);
        assertThat(demands).isEmpty();
    }

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

            assertThat(WebSocketFrames.text(json)).as("length " + length).isEqualTo(expectedBytes);
        }
    }

    @Test
    void controlFramesMatchTheLibrarys_andALongCloseReasonIsCutBeforeACharacter() throws Exception {
        Draft_6455 draft = new Draft_6455();
        CloseFrame close = new CloseFrame();
        close.setCode(4008);
        close.setReason("over budget");
        assertThat(WebSocketFrames.close(4008, "over budget")).isEqualTo(bytes(draft.createBinaryFrame(close)));

        PongFrame pong = new PongFrame();
        pong.setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(WebSocketFrames.pong(new byte[] {1, 2, 3})).isEqualTo(bytes(draft.createBinaryFrame(pong)));
        assertThat(WebSocketFrames.ping()).isEqualTo(bytes(draft.createBinaryFrame(new PingFrame())));

        byte[] cut = WebSocketFrames.close(1008, "\u00e9".repeat(100)); // 200 bytes of two-byte characters
        Framedata parsed = draft.translateFrame(ByteBuffer.wrap(cut)).get(0); // validates the UTF-8 of the reason
        assertThat(((CloseFrame) parsed).getMessage()).isEqualTo("\u00e9".repeat(61));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
