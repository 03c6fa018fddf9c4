package dev.herald.it.cluster;

import java.util.List;

/** {@code redis-server} on a free port, without persistence: a restart loses every key. */
public final class RedisProcess extends BrokerProcess {
    public RedisProcess() {
        super("redis-server", "redis-server");
    }

    @Override
    protected List<String> command(String binaryPath) {
        return List.of(
                binaryPath,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory.toString());
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }
}
