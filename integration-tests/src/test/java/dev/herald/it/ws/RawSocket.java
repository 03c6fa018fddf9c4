package dev.herald.it.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bare TCP client for what well-behaved clients never do: stop reading, stall a handshake. */
final class RawSocket implements AutoCloseable {
    final Socket socket;

    private RawSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects with a tiny receive window, so that the server's queue fills once it stops reading. */
    static RawSocket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new RawSocket(socket);
    }

    /** Completes a WebSocket handshake and reads the response headers, then reads nothing more. */
    static RawSocket upgraded(int port, String pathAndQuery) throws IOException {
        RawSocket raw = connect(port);
        raw.write(
                "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        String response = raw.readHeaders();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + response);
        }
        return raw;
    }

    void write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    String readHeaders() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            byte[] bytes = out.toByteArray();
            int n = bytes.length;
            if (n >= 4
                    && bytes[n - 4] == '\r'
                    && bytes[n - 3] == '\n'
                    && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n') {
                break;
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Reads and counts everything until the server closes the socket or the timeout passes. */
    String drainText(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // done waiting
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads {@code count} text frames (unmasked, as a server sends them) and returns their payloads;
     * fails on any other frame or when they do not arrive within the timeout.
     */
    List<String> drainTextFrames(int count, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<String> frames = new ArrayList<>();
        while (frames.size() < count) {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte();
            if (first != 0x81 || (length & 0x80) != 0) {
                throw new IOException("not an unmasked final text frame: " + Integer.toHexString(first));
            }
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                throw new IOException("unexpected 64-bit frame length");
            }
            frames.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return frames;
    }

    /**
     * Reads like a client on a slow network: at most 16 KiB, then a pause of {@code pauseMillis},
     * until the server's close frame; returns its close code, or 1006 when the connection ended
     * without one. Frames are parsed (unmasked, as a server sends them), not kept.
     */
    int slowlyReadUntilClose(int pauseMillis, int timeoutMillis) throws IOException, InterruptedException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = new SlowStream(socket.getInputStream(), pauseMillis);
        DataInputStream frames = new DataInputStream(in);
        try {
            while (true) {
                int first = frames.readUnsignedByte();
                long length = frames.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = frames.readUnsignedShort();
                } else if (length == 127) {
                    length = frames.readLong();
                }
                if ((first & 0x0f) == 0x8) {
                    return length >= 2 ? frames.readUnsignedShort() : 1005;
                }
                frames.skipNBytes(length);
            }
        } catch (java.io.EOFException | SocketException e) {
            return 1006;
        }
    }

    /** Hands out at most 16 KiB, then waits, as a slow network would. */
    private static final class SlowStream extends java.io.FilterInputStream {
        private final int pauseMillis;
        private int sincePause;

        SlowStream(InputStream in, int pauseMillis) {
            super(in);
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (sincePause >= 16 * 1024) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                sincePause = 0;
            }
            int n = super.read(target, offset, Math.min(length, 16 * 1024 - sincePause));
            if (n > 0) {
                sincePause += n;
            }
            return n;
        }
    }

    /** Whether the server closed the connection within the timeout (a read returns end of stream). */
    boolean closedByServerWithin(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            byte[] buffer = new byte[4096];
            while (true) {
                if (socket.getInputStream().read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
