package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link FanOutLoad}, in its own JVM: N WebSocket clients on raw non-blocking
 * sockets, all read by one selector thread.
 *
 * <p>An instrument should disturb what it measures as little as it can. With 1,000 clients of the
 * JDK's {@code java.net.http} WebSocket (each frame handed from its selector thread to an executor,
 * garbage per frame) sharing 2 cores with the server, p99 was 254 ms; with these, on the same server
 * code, 28 to 41 ms (BENCHMARKS.md). They do the least RFC 6455 asks of a client: an upgrade request,
 * unmasked server frames read in place, pings answered with (masked) pongs.
 *
 * <p>It answers one-line commands on standard input: {@code count} prints the frames received so
 * far, {@code latencies} the latency summary, {@code quit} disconnects and exits.
 */
public final class LoadClients {
    private static final byte[] MARKER = "\"Path\":\"/".getBytes(StandardCharsets.US_ASCII);

    private final LoadFrames frames = new LoadFrames();
    private final Selector selector;
    private final List<SocketChannel> sockets = new ArrayList<>();

    private LoadClients() throws IOException {
        selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LoadClients load = new LoadClients();
        for (int i = 0; i < clients; i++) {
            load.connect(uri);
        }
        Thread reader = new Thread(load::readAll, "load-clients");
        reader.setDaemon(true);
        reader.start();
        out.println("connected " + load.sockets.size());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "count" -> out.println(load.frames.counts());
                case "latencies" -> out.println(load.frames.latencies());
                case "quit" -> {
                    for (SocketChannel socket : load.sockets) {
                        socket.close();
                    }
                    out.println("bye");
                    System.exit(0);
                }
                default -> out.println("unknown command: " + line);
            }
        }
        System.exit(0);
    }

    /** Opens one connection and completes the upgrade, blocking; then hands it to the selector. */
    private void connect(URI uri) throws IOException {
        SocketChannel socket = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        Connection connection = new Connection(socket);
        ByteBuffer in = connection.buffer;
        int headerEnd;
        while ((headerEnd = headerEnd(in)) < 0) {
            if (socket.read(in) < 0) {
                throw new IOException("closed during the handshake");
            }
        }
        String status = new String(in.array(), 0, Math.min(12, headerEnd), StandardCharsets.US_ASCII);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        // Frames may follow the response in the same read.
        in.flip().position(headerEnd);
        in.compact();
        socket.configureBlocking(false);
        socket.register(selector, SelectionKey.OP_READ, connection);
        sockets.add(socket);
    }

    private static int headerEnd(ByteBuffer in) {
        byte[] bytes = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The selector thread: reads every ready socket and parses the frames in place. */
    private void readAll() {
        try {
            while (selector.isOpen()) {
                selector.select(key -> {
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (connection.socket.read(connection.buffer) < 0) {
                            key.cancel();
                            return;
                        }
                        connection.parse();
                    } catch (IOException e) {
                        key.cancel();
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
        }
    }

    /** One client: its socket and the bytes read but not yet parsed. */
    private final class Connection {
        final SocketChannel socket;
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

        Connection(SocketChannel socket) {
            this.socket = socket;
        }

        void parse() throws IOException {
            long now = System.nanoTime();
            buffer.flip();
            byte[] bytes = buffer.array();
            while (buffer.remaining() >= 2) {
                int start = buffer.position();
                int opcode = bytes[start] & 0x0F;
                int length = bytes[start + 1] & 0x7F;
                int header = 2;
                if (length == 126) {
                    if (buffer.remaining() < 4) {
                        break;
                    }
                    length = ((bytes[start + 2] & 0xFF) << 8) | (bytes[start + 3] & 0xFF);
                    header = 4;
                } else if (length == 127) {
                    throw new IOException("frame over 64 KiB");
                }
                if (buffer.remaining() < header + length) {
                    break;
                }
                int payload = start + header;
                if (opcode == 0x1) {
                    received(bytes, payload, payload + length, now);
                } else if (opcode == 0x9) {
                    pong(bytes, payload, length);
                } else if (opcode == 0x8) {
                    socket.close();
                }
                buffer.position(payload + length);
            }
            buffer.compact();
        }

        private void received(byte[] bytes, int from, int to, long now) {
            int marker = indexOf(bytes, from, to);
            if (marker < 0 || marker + MARKER.length + 2 >= to) {
                frames.other();
                return;
            }
            byte kind = bytes[marker + MARKER.length];
            long sent = 0;
            for (int i = marker + MARKER.length + 2; i < to && bytes[i] != '"'; i++) {
                sent = sent * 10 + (bytes[i] - '0');
            }
            if (kind == 'l') {
                frames.latency(now - sent);
            } else {
                frames.burst(now);
            }
        }

        /** Answers a ping; a client's frames are masked, and a zero mask is a valid one. */
        private void pong(byte[] bytes, int payload, int length) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(6 + length);
            frame.put((byte) 0x8A).put((byte) (0x80 | length)).putInt(0);
            frame.put(bytes, payload, length).flip();
            socket.write(frame);
        }
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        outer:
        for (int i = from; i <= to - MARKER.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (bytes[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
