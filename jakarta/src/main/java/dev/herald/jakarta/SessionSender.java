package dev.herald.jakarta;

import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.util.List;

/**
 * How {@link SessionTransport} hands frames to the container: one frame per send through the
 * Jakarta API on every container ({@link RemoteEndpoint.Async#sendText}, which encodes the text and
 * frames it again per session), or, on Jetty, every waiting frame per send through Jetty's core
 * session, which takes frames whose bytes are built once and writes a batch together.
 */
interface SessionSender {
    /** Bytes of frames handed over in one send at most, when a send takes several. */
    int MAX_BYTES = 256 * 1024;

    /** Frames handed over in one send at most. */
    int maxFrames();

    /** Sends the frames in order; {@code done} once all are written or the send failed. */
    void send(List<TextFrame> frames, SendHandler done);

    /** Jetty's core session when the container is Jetty 12 (ee10), else the Jakarta API. */
    static SessionSender of(Session session) {
        if (Containers.JETTY_CORE && JettyFrameSender.accepts(session)) {
            return new JettyFrameSender(session);
        }
        return new JakartaSender(session);
    }

    /** One frame per send, through the Jakarta API. */
    final class JakartaSender implements SessionSender {
        private final RemoteEndpoint.Async remote;

        JakartaSender(Session session) {
            this.remote = session.getAsyncRemote();
        }

        @Override
        public int maxFrames() {
            return 1;
        }

        @Override
        public void send(List<TextFrame> frames, SendHandler done) {
            remote.sendText(frames.get(0).text(), done);
        }
    }
}
