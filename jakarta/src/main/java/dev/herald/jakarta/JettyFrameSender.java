package dev.herald.jakarta;

import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.List;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Sends through Jetty 12's core WebSocket session, which the Jakarta session sits on: each frame's
 * payload is a view of the bytes built once per event, every frame but the last is handed over as
 * batchable and the last flushes them, so Jetty writes a connection's waiting frames together
 * instead of encoding and writing each event's text on its own. Loaded only on Jetty.
 */
final class JettyFrameSender implements SessionSender {
    /** Frames handed over in one send at most; Jetty aggregates them into its batch buffer. */
    private static final int MAX_FRAMES = 128;

    private final CoreSession core;

    JettyFrameSender(Session session) {
        this.core = ((JakartaWebSocketSession) session).getCoreSession();
    }

    static boolean accepts(Session session) {
        return session instanceof JakartaWebSocketSession;
    }

    @Override
    public int maxFrames() {
        return MAX_FRAMES;
    }

    @Override
    public void send(List<TextFrame> frames, SendHandler done) {
        int last = frames.size() - 1;
        Callback written =
                Callback.from(() -> done.onResult(new SendResult()), error -> done.onResult(new SendResult(error)));
        for (int i = 0; i <= last; i++) {
            core.sendFrame(
                    new Frame(OpCode.TEXT, true, frames.get(i).payload()),
                    i == last ? written : Callback.NOOP,
                    i < last);
        }
    }
}
