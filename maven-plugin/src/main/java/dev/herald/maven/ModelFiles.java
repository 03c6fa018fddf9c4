package dev.herald.maven;

import dev.herald.model.HeraldModel;
import dev.herald.model.InvalidModelException;
import dev.herald.model.ModelJson;
import dev.herald.model.ModelMerge.Sourced;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Finds and reads the model a jar or a classes folder carries. */
final class ModelFiles {
    private ModelFiles() {}

    /**
     * The model in {@code location} (a jar, or a folder of classes in a reactor build), or empty when
     * it has none: most dependencies declare no events.
     *
     * @param origin names the module in merge conflicts: {@code com.acme:files:1.0}
     * @throws InvalidModelException when the model is corrupt or newer than this plugin; the message
     *     names the jar and the module
     */
    static Optional<Sourced> read(Path location, String origin) throws InvalidModelException, IOException {
        if (Files.isDirectory(location)) {
            Path file = location.resolve(HeraldModel.PATH);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(new Sourced(origin, ModelJson.read(json, file + " (" + origin + ")")));
        }
        if (!Files.isRegularFile(location) || !location.getFileName().toString().endsWith(".jar")) {
            return Optional.empty(); // a pom, or an artifact not resolved to a file
        }
        try (ZipFile jar = new ZipFile(location.toFile())) {
            ZipEntry entry = jar.getEntry(HeraldModel.PATH);
            if (entry == null) {
                return Optional.empty();
            }
            String json;
            try (InputStream in = jar.getInputStream(entry)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String source = location.getFileName() + "!/" + HeraldModel.PATH + " (" + origin + ", " + location + ")";
            return Optional.of(new Sourced(origin, ModelJson.read(json, source)));
        } catch (java.util.zip.ZipException e) {
            throw new InvalidModelException(location + " (" + origin
                    + ") is not a readable jar, so its events cannot be read: " + e.getMessage());
        }
    }
}
