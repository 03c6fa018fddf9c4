package dev.herald.demo;

import dev.herald.runtime.EventBus;
import dev.herald.seed.asset.AssetCreated;
import dev.herald.seed.asset.AssetDeleted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Assets are folders under the data directory; the folder name is the asset id. */
final class AssetService {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    record Asset(String id, String name) {}

    private final Path root;
    private final EventBus bus;
    private final DiskWatcher watcher;

    AssetService(Path root, EventBus bus, DiskWatcher watcher) {
        this.root = root;
        this.bus = bus;
        this.watcher = watcher;
    }

    List<Asset> list() {
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> ID.matcher(name).matches())
                    .sorted()
                    .map(id -> new Asset(id, id))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Asset create(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        String slug = name.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.isEmpty() || slug.length() > 40) {
            throw ApiException.badRequest("name must have 1 to 40 letters or digits");
        }
        String id = slug + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000), 16);
        Path folder = root.resolve(id);
        try {
            Files.createDirectory(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        watcher.watchTree(id, folder);
        bus.emit(new AssetCreated(id));
        return new Asset(id, id);
    }

    void delete(String id) {
        Path folder = folder(id);
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bus.emit(new AssetDeleted(id));
    }

    /** The folder of an existing asset; 404 otherwise. */
    Path folder(String id) {
        if (id == null || !ID.matcher(id).matches() || !Files.isDirectory(root.resolve(id))) {
            throw ApiException.notFound("no asset " + (id == null ? "(missing assetId)" : id));
        }
        return root.resolve(id);
    }
}
