package dev.herald.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;

/**
 * A load balancer for {@link RollingRestartLoad}: a TCP proxy on loopback that hands each new
 * connection to the next backend in turn, skipping one that refuses it (a node being restarted), as
 * a load balancer's health check would. One selector thread; each connection is a pair of sockets
 * with a buffer per direction, read again only once the other side took what was read.
 *
 * <p>Runs in a JVM of its own ({@link #main}: {@code backendPort...}; prints {@code PORT <n>}, ends
 * with its standard input): a process may hold 20,000 files here, two per proxied connection.
 */
public final class RoundRobinProxy implements AutoCloseable {
    private final List<InetSocketAddress> backends;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private int next;

    RoundRobinProxy(List<Integer> backendPorts) throws IOException {
        this.backends = backendPorts.stream()
                .map(port -> new InetSocketAddress("127.0.0.1", port))
                .toList();
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 16_384);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::run, "round-robin-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    public static void main(String[] args) throws IOException {
        try (RoundRobinProxy proxy =
                new RoundRobinProxy(Arrays.stream(args).map(Integer::valueOf).toList())) {
            System.out.println("PORT " + proxy.port());
            System.in.transferTo(OutputStream.nullOutputStream()); // until the tool ends
        }
    }

    private void run() {
        try {
            while (selector.isOpen()) {
                selector.select(key -> {
                    if (!key.isValid()) {
                        return; // its pipe was closed by the other side's key in this round
                    }
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            ((Pipe) key.attachment()).ready(key);
                        }
                    } catch (IOException | CancelledKeyException e) {
                        if (key.attachment() instanceof Pipe pipe) {
                            pipe.close();
                        }
                    }
                });
            }
        } catch (ClosedSelectorException e) {
            // closed
        } catch (IOException e) {
            e.printStackTrace();
        }
    }

    private void accept() throws IOException {
        for (SocketChannel client = listener.accept(); client != null; client = listener.accept()) {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Pipe pipe = new Pipe(client);
            pipe.clientKey = client.register(selector, 0, pipe); // read once the backend is connected
            connect(pipe, 0);
        }
    }

    /**
     * Connects {@code pipe} to the next backend without blocking (a node whose accept queue is full
     * would stall every connection of a blocking proxy); after {@code tries} refusals in a row, every
     * backend is down and the client is closed, to try again later.
     */
    private void connect(Pipe pipe, int tries) throws IOException {
        if (tries == backends.size()) {
            pipe.close();
            return;
        }
        SocketChannel backend = SocketChannel.open();
        backend.configureBlocking(false);
        backend.setOption(StandardSocketOptions.TCP_NODELAY, true);
        pipe.backend = backend;
        pipe.tries = tries;
        InetSocketAddress address = backends.get(next++ % backends.size());
        try {
            if (backend.connect(address)) {
                pipe.connected();
            } else {
                pipe.backendKey = backend.register(selector, SelectionKey.OP_CONNECT, pipe);
            }
        } catch (IOException refused) {
            backend.close();
            connect(pipe, tries + 1);
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        listener.close();
    }

    /** One proxied connection: what one side sent waits in its buffer until the other side took it. */
    private final class Pipe {
        final SocketChannel client;
        SocketChannel backend;
        int tries;
        final ByteBuffer toBackend = ByteBuffer.allocate(8192);
        final ByteBuffer toClient = ByteBuffer.allocate(32 * 1024);
        SelectionKey clientKey;
        SelectionKey backendKey;

        Pipe(SocketChannel client) {
            this.client = client;
        }

        /** The backend took the connection: bytes flow both ways from now on. */
        void connected() throws IOException {
            backendKey = backend.register(selector, SelectionKey.OP_READ, this);
            clientKey.interestOps(SelectionKey.OP_READ);
        }

        void ready(SelectionKey key) throws IOException {
            if (key == backendKey && key.isConnectable()) {
                try {
                    backend.finishConnect();
                } catch (IOException refused) {
                    key.cancel();
                    backend.close();
                    connect(this, tries + 1); // that node is down: the next one
                    return;
                }
                connected();
                return;
            }
            boolean fromClient = key == clientKey;
            if (key.isReadable()) {
                ByteBuffer buffer = fromClient ? toBackend : toClient;
                if ((fromClient ? client : backend).read(buffer) < 0) {
                    close();
                    return;
                }
                flush(buffer, fromClient ? backend : client, fromClient ? backendKey : clientKey, key);
            }
            if (key.isValid() && key.isWritable()) {
                // This side can take more: flush what the other side sent it.
                ByteBuffer buffer = fromClient ? toClient : toBackend;
                flush(buffer, fromClient ? client : backend, key, fromClient ? backendKey : clientKey);
            }
        }

        /** Writes what {@code buffer} holds to {@code to}; waits for it to drain before reading more from the sender. */
        private static void flush(ByteBuffer buffer, SocketChannel to, SelectionKey toKey, SelectionKey fromKey)
                throws IOException {
            buffer.flip();
            to.write(buffer);
            boolean pending = buffer.hasRemaining();
            buffer.compact();
            if (toKey.isValid()) {
                toKey.interestOps(
                        pending
                                ? toKey.interestOps() | SelectionKey.OP_WRITE
                                : toKey.interestOps() & ~SelectionKey.OP_WRITE);
            }
            if (fromKey.isValid()) {
                fromKey.interestOps(
                        pending
                                ? fromKey.interestOps() & ~SelectionKey.OP_READ
                                : fromKey.interestOps() | SelectionKey.OP_READ);
            }
        }

        void close() {
            for (SocketChannel channel : new SocketChannel[] {client, backend}) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
