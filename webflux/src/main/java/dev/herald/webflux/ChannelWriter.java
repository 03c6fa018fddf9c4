package dev.herald.webflux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundInvoker;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes messages to one Netty channel from any thread, in order, and counts what was handed to the
 * channel and not yet written to the socket: the byte budget's "queued". Each call is one task on
 * the channel's event loop that writes its messages and flushes once, so a connection's share of a
 * batch costs one task and one system call however many frames it holds.
 *
 * <p>Threading rules: {@link #write} and {@link #run} may be called from any thread; their tasks
 * run on the event loop in the order of the calls (an event loop runs its tasks first in, first
 * out), so a close scheduled after frames goes out after them. The count is an atomic: added before
 * the task is scheduled, taken off when the task's last write completes (written or failed).
 */
final class ChannelWriter {
    private final Channel channel;
    private final AtomicLong queued = new AtomicLong();
    /** Told, on the event loop, when everything handed over so far is written. */
    private final Runnable drained;

    ChannelWriter(Channel channel, Runnable drained) {
        this.channel = channel;
        this.drained = drained;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Writes {@code messages} and flushes; {@code weight} is what they count for in {@link
     * #queuedBytes} until written. Returns false when the channel is gone.
     */
    boolean write(List<Object> messages, long weight) {
        return write(messages, weight, null);
    }

    /**
     * As {@link #write(List, long)}; {@code afterwards}, when not {@code null}, runs on the event
     * loop once the last message was written or failed.
     */
    boolean write(List<Object> messages, long weight, Runnable afterwards) {
        return write(channel, messages, weight, afterwards);
    }

    /**
     * As {@link #write(List, long, Runnable)}, through {@code target}: the channel (the whole
     * pipeline) or a handler's context, below which the messages enter the pipeline.
     */
    boolean write(ChannelOutboundInvoker target, List<Object> messages, long weight, Runnable afterwards) {
        if (!channel.isActive()) {
            return false;
        }
        queued.addAndGet(weight);
        boolean scheduled = run(() -> {
            int last = messages.size() - 1;
            for (int i = 0; i < last; i++) {
                target.write(messages.get(i), target.voidPromise());
            }
            ChannelFuture written = target.writeAndFlush(messages.get(last));
            written.addListener(done -> {
                if (queued.addAndGet(-weight) == 0 && done.isSuccess()) {
                    drained.run();
                }
                if (afterwards != null) {
                    afterwards.run();
                }
            });
        });
        if (!scheduled) {
            queued.addAndGet(-weight);
        }
        return scheduled;
    }

    /** Runs {@code task} on the event loop after what was written so far; false when the loop is shut down. */
    boolean run(Runnable task) {
        try {
            channel.eventLoop().execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Bytes handed to the channel and not yet written to the socket. */
    long queuedBytes() {
        return queued.get();
    }
}
