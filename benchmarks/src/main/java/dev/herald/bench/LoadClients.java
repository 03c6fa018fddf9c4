package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the load tools, in its own JVM: N WebSocket clients on raw non-blocking
 * sockets, driven by one selector thread (or as many as the system property {@code
 * herald.load.threads} of the tool says, each owning every Nth client).
 *
 * <p>An instrument should disturb what it measures as little as it can. With 1,000 clients of the
 * JDK's {@code java.net.http} WebSocket (each frame handed from its selector thread to an executor,
 * garbage per frame) sharing 2 cores with the server, p99 was 254 ms; with these, on the same server
 * code, 28 to 41 ms (BENCHMARKS.md). They do the least RFC 6455 asks of a client: an upgrade request,
 * unmasked server frames read in place, pings answered with (masked) pongs.
 *
 * <p>All clients start connecting at once, as browser tabs do when a server comes back: the connects
 * and upgrade requests are in flight together, so a full accept queue shows as slow admissions
 * rather than being hidden by one-at-a-time connects. With {@code reconnect}, a client whose socket
 * ends tries again after the TypeScript client's delay (equal jitter, 500 ms doubling to 10 s, reset
 * once connected); a close with a final code (4400, 4401, 4403, 4429) ends it for good, as it does
 * the TypeScript client. With {@code stall}, a client reads the upgrade response and then never
 * reads again, with a 4 KiB receive buffer: a browser tab frozen by the debugger or a phone that
 * lost its radio, as the server sees them.
 *
 * <p>It prints {@code connected <open> in <ms> ms, refused <n>, failed <n>} once every client is open
 * or finally refused (or after 60 s), then answers one-line commands on standard input: {@code
 * count} prints the frames received so far, {@code latencies} the latency summary, {@code status}
 * {@code <open> <refused> <waiting> <opened since start> <nanoTime of the last open>}, {@code quit}
 * disconnects and exits. With {@code resume}, clients reconnect as with {@code reconnect} (and after
 * a random 0 to 2 s on 1012), with their group and last position ({@link ResumeTracker}); {@code
 * resume} prints what {@link ResumeCounts} counted. With {@code sse}, each client GETs the path as an
 * event stream (Server-Sent Events, as a browser's {@code EventSource} does) and reads its {@code
 * data:} lines; with {@code mixed}, half the clients do, and {@code count sse} and {@code
 * latencies sse} answer for those. Run by {@link ClientProcess}: {@code uri clients
 * once|reconnect|stall|resume|stomp|sse|mixed threads}.
 */
public final class LoadClients {
    private static final byte[] MARKER = "\"Path\":\"/".getBytes(StandardCharsets.US_ASCII);
    private static final long CONNECT_REPORT_NANOS = 60_000_000_000L;
    private static final long BASE_DELAY_MILLIS = 500;
    private static final long MAX_DELAY_MILLIS = 10_000;

    private final LoadFrames frames = new LoadFrames();
    /** Mixed mode: what the event-stream half received ({@link #frames} is the WebSocket half's). */
    private final LoadFrames streamFrames = new LoadFrames();

    private final List<Loop> loops = new ArrayList<>();
    private final InetSocketAddress address;
    private final byte[] upgradeRequest;
    private final byte[] streamRequest;
    private final boolean reconnect;
    private final boolean stall;
    /** Stomp mode: each client connects and subscribes to {@link #STOMP_DESTINATION} after the upgrade. */
    private final boolean stomp;

    /** Where Spring's STOMP broker publishes the events in {@link SpringPeers}. */
    static final String STOMP_DESTINATION = "/topic/events";
    /** Resume mode: each client remembers its position and reconnects with {@code since}, as the TS client does. */
    private final boolean resume;
    /** Event-stream mode: each client GETs the path as Server-Sent Events instead of upgrading. */
    private final boolean sse;
    /**
     * Mixed mode: half the clients read the event stream ({@link #readsStreamWhenMixed}), the others
     * upgrade, so the two kinds alternate in the server's order of connections and share this
     * process's thread.
     */
    private final boolean mixed;

    private final URI uri;
    private final ResumeCounts resumeCounts = new ResumeCounts();
    private final List<Connection> connections = new ArrayList<>();

    // Written by the selector threads, read by the command thread.
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong lastOpenNanos = new AtomicLong();

    private LoadClients(URI uri, String mode, int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            loops.add(new Loop());
        }
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.uri = uri;
        this.resume = mode.equals("resume");
        this.reconnect = mode.equals("reconnect") || resume;
        this.stall = mode.equals("stall");
        this.stomp = mode.equals("stomp");
        this.sse = mode.equals("sse");
        this.mixed = mode.equals("mixed");
        this.upgradeRequest = upgradeRequest(uri.getRawPath());
        this.streamRequest = streamRequest(uri.getRawPath());
    }

    /** The upgrade request for {@code pathAndQuery} on this tool's server. */
    private byte[] upgradeRequest(String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\n"
                        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The event-stream request for {@code pathAndQuery}, as a browser's {@code EventSource} sends it. */
    private byte[] streamRequest(String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\n"
                        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                        + "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        LoadClients load = new LoadClients(uri, args.length > 2 ? args[2] : "once", threads);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Connection connection = load.new Connection(load.loops.get(i % threads), i);
            load.connections.add(connection);
            connection.connect();
        }
        for (int i = 0; i < threads; i++) {
            Thread driver = new Thread(load.loops.get(i)::run, "load-clients-" + i);
            driver.setDaemon(true);
            driver.start();
        }
        while (load.open.get() + load.refused.get() + load.failed.get() < clients
                && System.nanoTime() - start < CONNECT_REPORT_NANOS) {
            Thread.sleep(5);
        }
        long millis = (Math.max(load.lastOpenNanos.get(), start) - start) / 1_000_000;
        out.printf(
                Locale.ROOT,
                "connected %d in %d ms, refused %d, failed %d%n",
                load.open.get(),
                millis,
                load.refused.get(),
                load.failed.get());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "count" -> out.println(load.frames.counts());
                case "latencies" -> out.println(load.frames.latencies());
                case "count sse" -> out.println(load.streamFrames.counts());
                case "latencies sse" -> out.println(load.streamFrames.latencies());
                case "reset" -> {
                    load.frames.resetLatencies();
                    load.streamFrames.resetLatencies();
                    out.println("0");
                }
                case "resume" -> out.println(load.resumeCounts);
                case "reasons" -> out.println(load.resumeCounts.reasons());
                case "status" ->
                    out.println(load.open.get() + " " + load.refused.get() + " " + load.waitingCount() + " "
                            + load.opened.get() + " " + load.lastOpenNanos.get());
                case "quit" -> {
                    for (Loop loop : load.loops) {
                        loop.selector.close();
                    }
                    out.println("bye");
                    System.exit(0);
                }
                default -> out.println("unknown command: " + line);
            }
        }
        System.exit(0);
    }

    /**
     * Mixed mode: whether client {@code index} reads the event stream. The parity of its one bits
     * (the Thue-Morse sequence) rather than of the index, so that a server which deals connections
     * to its threads in turn (Reactor Netty's event loops) gives every thread both kinds.
     */
    static boolean readsStreamWhenMixed(int index) {
        return Integer.bitCount(index) % 2 == 1;
    }

    private long waitingCount() {
        return connections.size() - open.get() - refused.get() - failed.get();
    }

    /** One selector thread and the clients it owns: it connects, upgrades, reads and reconnects them. */
    private static final class Loop {
        final Selector selector;
        final Random random = new Random();
        /** Connections waiting for their reconnect delay, by due time; this loop's thread only. */
        final PriorityQueue<Connection> waiting =
                new PriorityQueue<>((a, b) -> Long.compare(a.reconnectAt, b.reconnectAt));

        Loop() throws IOException {
            selector = Selector.open();
        }

        void run() {
            try {
                while (selector.isOpen()) {
                    long now = System.nanoTime();
                    while (!waiting.isEmpty() && waiting.peek().reconnectAt - now <= 0) {
                        waiting.poll().connect();
                    }
                    long timeout =
                            waiting.isEmpty() ? 100 : Math.max(1, (waiting.peek().reconnectAt - now) / 1_000_000);
                    selector.select(key -> ((Connection) key.attachment()).ready(key), Math.min(timeout, 100));
                }
            } catch (ClosedSelectorException e) {
                // quit
            } catch (IOException | RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    private enum State {
        CONNECTING,
        UPGRADING,
        OPEN,
        WAITING,
        DONE
    }

    /** One client: its socket, its state and the bytes read but not yet parsed. Its loop's thread only. */
    private final class Connection {
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 14);
        final Loop loop;
        final int index;
        SocketChannel socket;
        State state;
        int attempt;
        long reconnectAt;
        /** Whether it was open before: the next open is a reconnect. */
        boolean attemptedBefore;
        /** Resume mode: what it has seen, and where it resumes from. */
        final ResumeTracker tracker;
        /** This client reads the event stream instead of upgrading. */
        final boolean sse;
        /** Where what it receives is counted. */
        final LoadFrames frames;
        /** Event-stream mode: the stream's bytes without the HTTP chunking, up to the last whole event. */
        final ByteBuffer events;
        /** Event-stream mode: the response is chunked (no length: it streams). */
        boolean chunked;
        /** Bytes of the current chunk not read yet; line-end bytes to skip after a chunk's data. */
        int chunkLeft;

        int crlfLeft;

        Connection(Loop loop, int index) {
            this.loop = loop;
            this.index = index;
            this.tracker = resume ? new ResumeTracker(resumeCounts, LoadNode.GROUPS) : null;
            this.sse = LoadClients.this.sse || (mixed && readsStreamWhenMixed(index));
            this.frames = mixed && sse ? streamFrames : LoadClients.this.frames;
            this.events = sse ? ByteBuffer.allocate(1 << 16) : null;
        }

        /** The upgrade request: in resume mode with its group and, once it has one, its position. */
        private byte[] request() {
            if (!resume) {
                return sse ? streamRequest : upgradeRequest;
            }
            String since = tracker.since();
            return upgradeRequest(
                    uri.getRawPath() + "?g=" + (index % LoadNode.GROUPS) + (since == null ? "" : "&since=" + since));
        }

        void connect() {
            buffer.clear();
            try {
                socket = SocketChannel.open();
                socket.configureBlocking(false);
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (stall) {
                    socket.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                }
                state = State.CONNECTING;
                if (socket.connect(address)) {
                    upgrade();
                } else {
                    socket.register(loop.selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                ended(0);
            }
        }

        private void upgrade() throws IOException {
            ByteBuffer request = ByteBuffer.wrap(request());
            socket.write(request);
            if (request.hasRemaining()) {
                throw new IOException("upgrade request not written at once");
            }
            state = State.UPGRADING;
            socket.register(loop.selector, SelectionKey.OP_READ, this);
        }

        void ready(SelectionKey key) {
            try {
                if (state == State.CONNECTING) {
                    if (socket.finishConnect()) {
                        upgrade();
                    }
                    return;
                }
                if (socket.read(buffer) < 0) {
                    ended(0);
                    return;
                }
                if (state == State.UPGRADING && !upgraded()) {
                    return;
                }
                parse();
            } catch (IOException e) {
                ended(0);
            }
        }

        /** Whether the upgrade response is complete; fails unless it is 101. */
        private boolean upgraded() throws IOException {
            int headerEnd = headerEnd(buffer);
            if (headerEnd < 0) {
                return false;
            }
            String head = new String(buffer.array(), 0, headerEnd, StandardCharsets.US_ASCII);
            if (!head.startsWith(sse ? "HTTP/1.1 200" : "HTTP/1.1 101")) {
                throw new IOException("upgrade refused: " + head.substring(0, Math.min(12, head.length())));
            }
            chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
            chunkLeft = 0;
            crlfLeft = 0;
            // Frames may follow the response in the same read.
            buffer.flip().position(headerEnd);
            buffer.compact();
            state = State.OPEN;
            attempt = 0;
            if (stall) {
                socket.keyFor(loop.selector).interestOps(0); // never reads again
            }
            if (stomp) {
                // Spring's STOMP broker sends to subscribers only: connect and subscribe as stomp.js does.
                sendText("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0");
                sendText("SUBSCRIBE\nid:0\ndestination:" + STOMP_DESTINATION + "\n\n\0");
            }
            open.incrementAndGet();
            if (resume) {
                tracker.opened(attemptedBefore);
            }
            attemptedBefore = true;
            opened.incrementAndGet();
            lastOpenNanos.set(System.nanoTime());
            return true;
        }

        /** The socket ended (close code 0 when there was no close frame): reconnect or stop. */
        private void ended(int closeCode) {
            if (state == State.OPEN) {
                open.decrementAndGet();
            }
            if (resume) {
                tracker.closed();
            }
            try {
                socket.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
            boolean finalCode = closeCode == 4400 || closeCode == 4401 || closeCode == 4403 || closeCode == 4429;
            if (finalCode) {
                state = State.DONE;
                refused.incrementAndGet();
            } else if (!reconnect) {
                state = State.DONE;
                failed.incrementAndGet();
            } else {
                state = State.WAITING;
                long ceiling = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << Math.min(attempt++, 20));
                long delayMillis = ceiling / 2 + (long) (loop.random.nextDouble() * ceiling / 2);
                if (resume && closeCode == 1012) {
                    // The server restarts: back after a random 0 to 2 s, as the TS client does.
                    delayMillis = (long) (loop.random.nextDouble() * 2000);
                    attempt = 0;
                }
                reconnectAt = System.nanoTime() + delayMillis * 1_000_000;
                loop.waiting.add(this);
            }
        }

        void parse() throws IOException {
            if (sse) {
                parseStream();
                return;
            }
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
                    int code = length >= 2 ? ((bytes[payload] & 0xFF) << 8) | (bytes[payload + 1] & 0xFF) : 0;
                    ended(code);
                    return;
                }
                buffer.position(payload + length);
            }
            buffer.compact();
        }

        /**
         * Event-stream mode: takes the HTTP chunking off what arrived, then hands each whole event's
         * {@code data:} line on as a text frame is handed on.
         */
        private void parseStream() throws IOException {
            long now = System.nanoTime();
            buffer.flip();
            byte[] raw = buffer.array();
            while (buffer.hasRemaining()) {
                if (!chunked || chunkLeft > 0) {
                    int n = chunked ? Math.min(chunkLeft, buffer.remaining()) : buffer.remaining();
                    n = Math.min(n, events.remaining());
                    if (n == 0) {
                        throw new IOException("an event over 64 KiB");
                    }
                    events.put(raw, buffer.position(), n);
                    buffer.position(buffer.position() + n);
                    if (chunked && (chunkLeft -= n) == 0) {
                        crlfLeft = 2;
                    }
                } else if (crlfLeft > 0) {
                    buffer.get();
                    crlfLeft--;
                } else {
                    int lineEnd = -1;
                    for (int i = buffer.position(); i + 1 < buffer.limit(); i++) {
                        if (raw[i] == '\r' && raw[i + 1] == '\n') {
                            lineEnd = i;
                            break;
                        }
                    }
                    if (lineEnd < 0) {
                        break;
                    }
                    int size = 0;
                    for (int i = buffer.position(); i < lineEnd && Character.digit(raw[i], 16) >= 0; i++) {
                        size = size * 16 + Character.digit(raw[i], 16);
                    }
                    buffer.position(lineEnd + 2);
                    if (size == 0) {
                        ended(0); // the last chunk: the server ended the stream
                        return;
                    }
                    chunkLeft = size;
                }
            }
            buffer.compact();
            events.flip();
            byte[] text = events.array();
            int start = events.position();
            for (int i = start; i + 1 < events.limit(); i++) {
                if (text[i] == '\n' && text[i + 1] == '\n') {
                    streamEvent(text, start, i + 1, now);
                    start = i + 2;
                    i++;
                }
            }
            events.position(start);
            events.compact();
        }

        /** One event of the stream, its lines in {@code [from, to)}: its {@code data:} line is the frame. */
        private void streamEvent(byte[] text, int from, int to, long now) {
            int line = from;
            while (line < to) {
                int end = line;
                while (end < to && text[end] != '\n') {
                    end++;
                }
                if (end - line > 6 && text[line] == 'd' && text[line + 4] == ':' && text[line + 5] == ' ') {
                    received(text, line + 6, end, now);
                }
                line = end + 1;
            }
        }

        private void received(byte[] bytes, int from, int to, long now) {
            if (resume) {
                tracker.frame(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            }
            int marker = indexOf(bytes, from, to);
            if (marker < 0 || marker + MARKER.length + 2 >= to) {
                frames.other();
                return;
            }
            byte kind = bytes[marker + MARKER.length];
            long sent = 0;
            for (int i = marker + MARKER.length + 2; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
                sent = sent * 10 + (bytes[i] - '0');
            }
            if (kind == 'l' || (kind == 'r' && tracker.live())) {
                frames.latency(now - sent); // a replayed event's age is not a latency
            } else if (kind == 'r') {
                frames.other();
            } else {
                frames.burst(now);
            }
        }

        /** A short text frame, masked with a zero mask as every client frame must be. */
        private void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
            frame.put((byte) 0x81).put((byte) (0x80 | payload.length)).putInt(0);
            frame.put(payload).flip();
            socket.write(frame);
        }

        /** Answers a ping; a client's frames are masked, and a zero mask is a valid one. */
        private void pong(byte[] bytes, int payload, int length) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(6 + length);
            frame.put((byte) 0x8A).put((byte) (0x80 | length)).putInt(0);
            frame.put(bytes, payload, length).flip();
            socket.write(frame);
        }
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
