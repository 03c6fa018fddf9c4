package dev.herald.it.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real broker server (Debian's {@code redis-server} or {@code nats-server}) on a free loopback
 * port, started by a test and killed with SIGKILL, restarted on the same port, and stopped at the
 * end. Never one someone left running.
 */
public abstract class BrokerProcess implements AutoCloseable {
    private final String binary;
    private final String debianPackage;
    protected final int port;
    protected final Path directory;
    private Process process;

    protected BrokerProcess(String binary, String debianPackage) {
        this.binary = binary;
        this.debianPackage = debianPackage;
        this.port = freePort();
        try {
            this.directory = Files.createTempDirectory("herald-" + binary + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line, its binary first. */
    protected abstract List<String> command(String binaryPath);

    /** The URL a client connects to. */
    public abstract String url();

    public int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    public synchronized BrokerProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(binary + " is running already");
        }
        try {
            File log = directory.resolve(binary + ".log").toFile();
            process = new ProcessBuilder(command(locate()))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            awaitListening(log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no goodbye to its clients, nothing flushed. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        kill();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }

    private String locate() {
        List<String> folders =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        folders.addAll(List.of("/usr/sbin", "/usr/bin")); // Debian puts nats-server in /usr/sbin, not on every PATH
        for (String folder : folders) {
            File file = new File(folder, binary);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        throw new IllegalStateException(binary + " is not installed: apt-get install -y " + debianPackage
                + " (scripts/test installs it when it is missing)");
    }

    private void awaitListening(File log) throws IOException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        binary + " exited with " + process.exitValue() + ":\n" + Files.readString(log.toPath()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (ready()) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                binary + " did not listen on port " + port + " within 15 s:\n" + Files.readString(log.toPath()));
    }

    /** Whether the server is ready once its port accepts connections. */
    protected boolean ready() {
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
