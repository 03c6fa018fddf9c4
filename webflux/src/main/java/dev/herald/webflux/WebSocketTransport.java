package dev.herald.webflux;

import dev.herald.runtime.fanout.Disconnect;
import dev.herald.runtime.fanout.DrainableTransport;
import dev.herald.runtime.fanout.TextFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * The fan-out core's view of one WebSocket connection on Reactor Netty. Each event's frame is
 * built once ({@link TextFrame#wire}) and written as it is to the connection's channel, below the
 * WebSocket encoder (which passes bytes through), a connection's share of a batch in one flush. The
 * close goes through Reactor Netty ({@link WebsocketOutbound#sendClose}), which knows the
 * connection's close handshake; a client that does not answer it is dropped after {@link
 * #CLOSE_GRACE_MILLIS}.
 *
 * <p>Threading rules: the core calls {@link #send}, {@link #ping} and {@link #close} from the
 * connection's lane, the endpoint calls {@link #closeWhenSent} from its stopping thread; every
 * write and the close run as tasks on the channel's event loop, in the order of the calls ({@link
 * ChannelWriter}), so a close follows the frames sent before it. {@code closing} makes the first
 * close the only one.
 */
final class WebSocketTransport implements DrainableTransport<TextFrame> {
    /** How long a client may take to answer a close frame before its connection is dropped. */
    static final long CLOSE_GRACE_MILLIS = 2000;

    private final ChannelWriter writer;
    private final WebsocketOutbound outbound;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closeSent = new CompletableFuture<>();

    WebSocketTransport(Channel channel, WebsocketOutbound outbound) {
        this.writer = new ChannelWriter(channel, () -> {});
        this.outbound = outbound;
    }

    @Override
    public boolean send(List<TextFrame> frames) {
        if (closing.get()) {
            return false;
        }
        List<Object> wire = new ArrayList<>(frames.size());
        long weight = 0;
        for (TextFrame frame : frames) {
            wire.add(Unpooled.wrappedBuffer(frame.wire()));
            weight += frame.bytes();
        }
        return writer.write(wire, weight);
    }

    @Override
    public long queuedBytes() {
        return writer.queuedBytes();
    }

    /** A WebSocket ping, unless frames are waiting (the client's pong would only queue behind them). */
    @Override
    public void ping() {
        if (!closing.get() && writer.queuedBytes() == 0) {
            writer.run(() -> writer.channel().writeAndFlush(new PingWebSocketFrame()));
        }
    }

    @Override
    public void close(Disconnect disconnect) {
        closeWhenSent(disconnect);
    }

    /** The close frame after what is queued; the connection is dropped if the client does not answer in time. */
    @Override
    public CompletableFuture<Void> closeWhenSent(Disconnect disconnect) {
        if (closing.compareAndSet(false, true)) {
            Channel channel = writer.channel();
            boolean scheduled = writer.run(() -> {
                if (closeSent.isDone() || !channel.isActive()) {
                    // Gone already: Reactor Netty would hand the close's failure to a receiver
                    // that has ended, and log it as dropped.
                    closeSent.complete(null);
                    return;
                }
                outbound.sendClose(disconnect.code(), disconnect.reason())
                        .subscribe(null, error -> closeSent.complete(null), () -> closeSent.complete(null));
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            });
            if (!scheduled) {
                channel.close();
                closeSent.complete(null);
            }
        }
        return closeSent;
    }

    /** Completes once the close frame went out, or the connection ended without it. */
    CompletableFuture<Void> closeSent() {
        return closeSent;
    }

    /** The connection ended, whoever ended it: no more writes, and a pending drain is over. */
    void ended() {
        closing.set(true);
        closeSent.complete(null);
    }
}
