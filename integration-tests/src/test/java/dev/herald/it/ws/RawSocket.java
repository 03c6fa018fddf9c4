package dev.herald.it.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

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
        } catch (java.net.SocketTimeoutException e) {
            // done waiting
        }
        return out.toString(StandardCharsets.ISO_8859_1);
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
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
