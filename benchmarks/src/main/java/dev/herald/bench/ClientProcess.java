package dev.herald.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@link LoadClients} in a child JVM, driven through its standard input and output. */
final class ClientProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader replies;
    private final PrintStream commands;
    /** {@code connected <open> in <ms> ms, refused <n>, failed <n>}: how the clients' start went. */
    final String connected;

    ClientProcess(URI uri, int clients) throws IOException {
        this(uri, clients, "once");
    }

    /**
     * Starts {@code clients} clients at once; {@code mode} {@code reconnect}: they come back as the
     * TS client does; {@code resume}: and resume from their position; {@code stall}: they never read
     * after the upgrade; {@code stomp}: they subscribe to Spring's STOMP broker (see {@link LoadClients}).
     */
    ClientProcess(URI uri, int clients, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        // -Dherald.load.clientJvm="-agentpath:..." profiles the clients' process, for example.
        String jvmOptions = System.getProperty("herald.load.clientJvm", "").strip();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                LoadClients.class.getName(),
                uri.toString(),
                Integer.toString(clients),
                mode,
                System.getProperty("herald.load.threads", "1")));
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = replies.readLine();
        while (line != null && !line.startsWith("connected ") && !jvmOptions.isEmpty()) {
            line = replies.readLine(); // what an agent printed first ("Profiling started")
        }
        connected = line;
        if (connected == null || !connected.startsWith("connected ")) {
            process.destroyForcibly();
            throw new IOException("the client process did not start: " + connected);
        }
    }

    /** Milliseconds from the start until the last client was admitted. */
    long connectMillis() {
        return Long.parseLong(connected.split(" ")[3]);
    }

    /** {@code [open, refused, waiting to reconnect, opened in total, nanoTime of the last open]}. */
    long[] status() throws IOException {
        return ask("status");
    }

    /** Polls {@code [latency frames, burst frames, last burst nanoTime, other]} until done or timeout. */
    long[] awaitCounts(Predicate<long[]> done, Duration timeout) throws IOException, InterruptedException {
        return awaitCounts("", done, timeout);
    }

    /** {@link #awaitCounts}, of one half in mode {@code mixed}: {@code ""} the WebSocket clients, {@code "sse"} the others. */
    long[] awaitCounts(String half, Predicate<long[]> done, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long[] counts = ask(half.isEmpty() ? "count" : "count " + half);
            if (done.test(counts) || System.nanoTime() - deadline > 0) {
                return counts;
            }
            Thread.sleep(20);
        }
    }

    /**
     * Resume mode: {@code [reconnects, with a position, resumed, $resync, re-fetches, lost,
     * duplicates, events, awaiting an answer]}.
     */
    long[] resume() throws IOException {
        return ask("resume");
    }

    /** Resume mode: the {@code $resync}s by reason, {@code {reason=count, ...}} or {@code none}. */
    String resyncReasons() throws IOException {
        commands.println("reasons");
        return replies.readLine();
    }

    /** Forgets the latencies recorded so far. */
    void resetLatencies() throws IOException {
        ask("reset");
    }

    /** p50, p99 and max in microseconds. */
    long[] latenciesMicros() throws IOException {
        return latenciesMicros("");
    }

    /** {@link #latenciesMicros}, of one half in mode {@code mixed} (as in {@link #awaitCounts(String, Predicate, Duration)}). */
    long[] latenciesMicros(String half) throws IOException {
        return ask(half.isEmpty() ? "latencies" : "latencies " + half);
    }

    private long[] ask(String command) throws IOException {
        commands.println(command);
        String reply = replies.readLine();
        if (reply == null) {
            throw new IOException("the client process ended");
        }
        return Arrays.stream(reply.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
