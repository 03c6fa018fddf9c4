package dev.herald.demo;

import dev.herald.runtime.EventBus;
import dev.herald.seed.fs.FsChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits {@code fs.changed} when files change on disk behind the application's back (an editor, a
 * shell, rsync). Changes the API makes are seen too; clients debounce, so that costs one fetch.
 */
final class DiskWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskWatcher.class);

    private record Watched(String assetId, Path folder) {}

    private final Path root;
    private final EventBus bus;
    private final WatchService service;
    private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
    private final Thread thread;

    DiskWatcher(Path root, EventBus bus) throws IOException {
        this.root = root;
        this.bus = bus;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, "demo-disk-watcher");
        thread.setDaemon(true);
    }

    void start() {
        try (Stream<Path> assets = Files.list(root)) {
            assets.filter(Files::isDirectory)
                    .forEach(folder -> watchTree(folder.getFileName().toString(), folder));
        } catch (IOException e) {
            LOG.warn("Cannot list {}", root, e);
        }
        thread.start();
    }

    /** Watches a folder and every folder below it. */
    void watchTree(String assetId, Path folder) {
        try (Stream<Path> folders = Files.walk(folder)) {
            folders.filter(Files::isDirectory).forEach(dir -> {
                try {
                    WatchKey key = dir.register(
                            service,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                    keys.put(key, new Watched(assetId, dir));
                } catch (IOException e) {
                    LOG.debug("Cannot watch {}", dir, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot walk {}", folder, e);
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Watched watched = keys.get(key);
            boolean changed = false;
            for (var event : key.pollEvents()) {
                changed = true;
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                    Path created = watched == null ? null : watched.folder().resolve(name);
                    if (created != null && Files.isDirectory(created)) {
                        watchTree(watched.assetId(), created);
                    }
                }
            }
            if (!key.reset()) {
                keys.remove(key);
            }
            if (changed && watched != null) {
                Path assetRoot = root.resolve(watched.assetId());
                String relative =
                        "/" + assetRoot.relativize(watched.folder()).toString().replace('\\', '/');
                bus.emit(new FsChanged(watched.assetId(), relative.equals("/") ? "/" : relative));
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
