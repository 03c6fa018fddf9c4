package dev.herald.jakarta;

import dev.herald.runtime.fanout.Connection;
import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.FanOut;
import dev.herald.runtime.fanout.TextFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programmatic endpoint: one instance for all sessions (the configurator hands it out). Opens
 * the connection the configurator decided on, notes what the client sends (for the idle timeout)
 * and takes the connection out of the core when it closes.
 */
public final class HeraldEndpoint extends Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HeraldEndpoint.class);

    /**
     * Tomcat's limit (ms) on a blocking send such as a close frame; its default of 20 s would hold
     * a closing thread that long for a client that stopped reading.
     */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    /**
     * Tomcat's wait (ms) for the client's answer to a close frame before it drops the connection;
     * its default of 30 s keeps a vanished client's socket that long.
     */
    private static final String TOMCAT_SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

    private final EndpointSettings settings;
    private final Executor writer;
    private final Executor closer;
    /** Every open session with its transport, for pings and for closing at stop. */
    final Set<SessionTransport> transports = ConcurrentHashMap.newKeySet();

    HeraldEndpoint(EndpointSettings settings, Executor writer, Executor closer) {
        this.settings = settings;
        this.writer = writer;
        this.closer = closer;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, 2000L);
        session.getUserProperties().put(TOMCAT_SESSION_CLOSE_TIMEOUT, 2000L);
        session.setMaxTextMessageBufferSize(settings.maxClientFrameBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxClientFrameBytes());
        SessionTransport transport = new SessionTransport(session, writer, closer);
        session.getUserProperties().put(SessionTransport.class.getName(), transport);
        // Clients need send nothing; what they send is ignored, but it shows they are alive.
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> transport.seen());
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> transport.seen());
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> transport.seen());

        @SuppressWarnings("unchecked")
        FanOut<TextFrame>.Ticket ticket =
                (FanOut<TextFrame>.Ticket) config.getUserProperties().remove(HandshakeConfigurator.TICKET);
        Connection<TextFrame> connection = ticket.open(transport);
        if (connection == null) {
            return; // refused: the transport is closing it with the reason
        }
        transport.connection = connection;
        transports.add(transport);
        if (!session.isOpen()) {
            onClose(session, null); // closed while we decided
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        SessionTransport transport =
                (SessionTransport) session.getUserProperties().get(SessionTransport.class.getName());
        if (transport != null) {
            transports.remove(transport);
            Connection<TextFrame> connection = transport.connection;
            if (connection != null) {
                int code = closeReason == null ? 0 : closeReason.getCloseCode().getCode();
                if (Disconnect.isProtocolError(code)) { // the container's close for the client's frame
                    connection.brokeProtocol(code, closeReason.getReasonPhrase());
                }
                connection.remove();
            }
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("WebSocket error on session {}", session.getId(), error);
    }
}
