package dev.herald.webflux;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;

/**
 * Bytes for Spring to write that say when they were written: Netty releases a buffer once the
 * socket took it (or the write failed), and the last release runs {@code released}, on the
 * channel's event loop. What a transport writes to the channel itself from then on goes after
 * them, and after the response's headers that Spring wrote first.
 */
final class ReleaseSignal extends UnpooledHeapByteBuf {
    private final Runnable released;

    ReleaseSignal(byte[] bytes, Runnable released) {
        super(UnpooledByteBufAllocator.DEFAULT, bytes, bytes.length);
        this.released = released;
    }

    @Override
    protected void deallocate() {
        super.deallocate();
        released.run();
    }
}
