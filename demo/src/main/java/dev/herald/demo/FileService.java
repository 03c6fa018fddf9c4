package dev.herald.demo;

import dev.herald.runtime.EventBus;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.fs.FsDeleted;
import dev.herald.seed.fs.FsRenamed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Files of an asset. Paths are asset-relative, {@code /docs/a.txt}; nothing escapes the asset's folder. */
final class FileService {
    record Entry(String name, String path, boolean dir, long size, long modified) {}

    private final AssetService assets;
    private final EventBus bus;
    private final DiskWatcher watcher;

    FileService(AssetService assets, EventBus bus, DiskWatcher watcher) {
        this.assets = assets;
        this.bus = bus;
        this.watcher = watcher;
    }

    List<Entry> list(String assetId, String path) {
        Path folder = resolve(assetId, path == null ? "/" : path);
        if (!Files.isDirectory(folder)) {
            throw ApiException.notFound("no folder " + path);
        }
        Path root = assets.folder(assetId);
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(child -> entry(root, child))
                    .sorted(Comparator.comparing(Entry::dir).reversed().thenComparing(Entry::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Entry create(String assetId, String path, boolean dir, String content) {
        Path target = resolve(assetId, required(path, "path"));
        if (target.equals(assets.folder(assetId))) {
            throw ApiException.badRequest("path must name a file or folder inside the asset");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw ApiException.notFound("no folder " + parentOf(path));
        }
        try {
            if (dir) {
                Files.createDirectory(target);
                watcher.watchTree(assetId, target);
            } else {
                Files.writeString(
                        target, content == null ? "" : content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (FileAlreadyExistsException e) {
            throw ApiException.badRequest(path + " already exists");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String relative = relative(assetId, target);
        bus.emit(new FsCreated(assetId, relative, dir));
        return entry(assets.folder(assetId), target);
    }

    void rename(String assetId, String from, String to) {
        Path source = resolve(assetId, required(from, "from"));
        Path target = resolve(assetId, required(to, "to"));
        Path root = assets.folder(assetId);
        if (source.equals(root) || target.equals(root)) {
            throw ApiException.badRequest("cannot rename the asset's root folder");
        }
        if (!Files.exists(source)) {
            throw ApiException.notFound("no file " + from);
        }
        if (Files.exists(target)) {
            throw ApiException.badRequest(to + " already exists");
        }
        try {
            Files.move(source, target);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("no folder " + parentOf(to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(target)) {
            watcher.watchTree(assetId, target);
        }
        bus.emit(new FsRenamed(assetId, relative(assetId, source), relative(assetId, target)));
    }

    void delete(String assetId, String path) {
        Path target = resolve(assetId, required(path, "path"));
        if (target.equals(assets.folder(assetId))) {
            throw ApiException.badRequest("cannot delete the asset's root folder; delete the asset");
        }
        if (!Files.exists(target)) {
            throw ApiException.notFound("no file " + path);
        }
        boolean dir = Files.isDirectory(target);
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bus.emit(new FsDeleted(assetId, relative(assetId, target), dir));
    }

    /** The file for an asset-relative path; 400 if it would leave the asset's folder. */
    Path resolve(String assetId, String path) {
        Path root = assets.folder(assetId);
        if (path.indexOf('\0') >= 0) {
            throw ApiException.badRequest("invalid path");
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Path resolved;
        try {
            resolved = root.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("invalid path " + path);
        }
        if (!resolved.startsWith(root)) {
            throw ApiException.badRequest("path " + path + " leaves the asset's folder");
        }
        return resolved;
    }

    private String relative(String assetId, Path file) {
        String relative = assets.folder(assetId).relativize(file).toString().replace('\\', '/');
        return "/" + relative;
    }

    private static Entry entry(Path root, Path file) {
        try {
            boolean dir = Files.isDirectory(file);
            return new Entry(
                    file.getFileName().toString(),
                    "/" + root.relativize(file).toString().replace('\\', '/'),
                    dir,
                    dir ? 0 : Files.size(file),
                    Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        return value;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
