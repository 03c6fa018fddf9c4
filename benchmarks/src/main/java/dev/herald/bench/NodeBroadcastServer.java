package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code benchmarks/node/ws-broadcast.mjs} in a Node process: a {@code ws} server that sends each
 * event to every client, driven through its standard input ({@link FanOutLoad}'s {@code node-ws}).
 * One thread at a time: the load tool's.
 */
final class NodeBroadcastServer implements AutoCloseable {
    private final Process process;
    private final BufferedReader answers;
    private final PrintStream commands;
    final int port;

    NodeBroadcastServer() throws IOException {
        Path script = Path.of(System.getProperty("herald.bench.node", "benchmarks/node"), "ws-broadcast.mjs");
        if (!Files.isRegularFile(script) || !Files.isDirectory(script.resolveSibling("node_modules"))) {
            throw new IOException(script.toAbsolutePath() + " or its node_modules is missing: run"
                    + " 'npm ci' in benchmarks/node (scripts/bench does), or set -Dherald.bench.node=<folder>");
        }
        process = new ProcessBuilder("node", "--expose-gc", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = answers.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException("the Node server did not start: " + line);
        }
        port = Integer.parseInt(line.substring(5));
    }

    /**
     * Broadcasts {@code fs.created} with this path. The load tool's paths carry {@code System.nanoTime()}
     * taken at emit, as Herald's events do, so Node's latency includes the time the command waited
     * for Node's event loop, as Herald's includes the hand-off to its fan-out.
     */
    void broadcast(String path) {
        if (path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one line per command");
        }
        commands.println("e " + path);
    }

    int connectionCount() {
        return (int) ask("c");
    }

    /** Node's heap in use after a full collection. */
    long heapAfterGc() {
        return ask("h");
    }

    private long ask(String command) {
        commands.println(command);
        try {
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the Node server ended");
            }
            return Long.parseLong(answer.trim());
        } catch (IOException e) {
            throw new IllegalStateException("the Node server does not answer", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("q");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
