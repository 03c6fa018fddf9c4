package dev.herald.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code nats-server} on a free port, with JetStream storing in a folder of its own (or without it). */
public final class NatsProcess extends BrokerProcess {
    private final boolean jetStream;

    public NatsProcess() {
        this(true);
    }

    public NatsProcess(boolean jetStream) {
        super("nats-server", "nats-server");
        this.jetStream = jetStream;
    }

    @Override
    protected List<String> command(String binaryPath) {
        List<String> command = new ArrayList<>(List.of(binaryPath, "-a", "127.0.0.1", "-p", Integer.toString(port)));
        if (jetStream) {
            command.addAll(List.of("-js", "-sd", store().toString()));
        }
        return command;
    }

    @Override
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Deletes what JetStream stored (call while it is killed). */
    public void deleteStore() {
        try (var files = Files.walk(store())) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path store() {
        return directory.resolve("jetstream");
    }
}
