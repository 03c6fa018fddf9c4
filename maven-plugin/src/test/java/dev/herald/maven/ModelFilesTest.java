package dev.herald.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.model.EventDef;
import dev.herald.model.FieldDef;
import dev.herald.model.HeraldModel;
import dev.herald.model.InvalidModelException;
import dev.herald.model.ModelJson;
import dev.herald.model.ModelMerge.Sourced;
import dev.herald.model.RecordDef;
import dev.herald.model.ScalarKind;
import dev.herald.model.TypeDef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    static HeraldModel model(String event, String javaName) {
        int dot = javaName.lastIndexOf('.');
        RecordDef record = new RecordDef(
                javaName,
                javaName.substring(0, dot),
                javaName.substring(dot + 1),
                "",
                List.of(new FieldDef("id", "id", new TypeDef.Scalar(ScalarKind.STRING), false, true, "")));
        return new HeraldModel("", List.of(new EventDef(event, javaName)), List.of(record), List.of());
    }

    private Path jar(String name, String entry, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("com/acme/Some.class"));
            zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            if (entry != null) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    @Test
    void readsTheModelOfAJar_andOfAClassesFolder() throws Exception {
        HeraldModel files = model("fs.created", "com.acme.files.FileCreated");
        Path jar = jar("files-1.0.jar", HeraldModel.PATH, ModelJson.write(files));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/herald"));
        Files.writeString(classes.resolve(HeraldModel.PATH), ModelJson.write(files));

        assertThat(ModelFiles.read(jar, "com.acme:files:1.0")).contains(new Sourced("com.acme:files:1.0", files));
        assertThat(ModelFiles.read(classes, "com.acme:files:1.0")).contains(new Sourced("com.acme:files:1.0", files));
    }

    @Test
    void aJarOrFolderWithoutEvents_hasNoModel() throws Exception {
        assertThat(ModelFiles.read(jar("lib-1.0.jar", null, null), "g:lib:1.0")).isEqualTo(Optional.empty());
        assertThat(ModelFiles.read(Files.createDirectories(dir.resolve("empty")), "g:x:1"))
                .isEmpty();
        Path pom = Files.writeString(dir.resolve("parent-1.0.pom"), "<project/>");
        assertThat(ModelFiles.read(pom, "g:parent:1.0")).isEmpty();
    }

    @Test
    void aCorruptModel_isAnErrorNamingTheJarAndTheModule() throws Exception {
        Path jar = jar("files-1.0.jar", HeraldModel.PATH, "{\"modelVersion\": 1, \"events\": [");

        assertThatThrownBy(() -> ModelFiles.read(jar, "com.acme:files:1.0"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("files-1.0.jar!/META-INF/herald/model.json (com.acme:files:1.0, " + jar
                        + ") is not valid JSON (it may be truncated or corrupt): ");
    }

    @Test
    void aNewerModel_isAnErrorNamingTheJar() throws Exception {
        String newer = ModelJson.write(model("fs.created", "com.acme.files.FileCreated"))
                .replace("\"modelVersion\" : 1", "\"modelVersion\" : 3");
        Path jar = jar("files-2.0.jar", HeraldModel.PATH, newer);

        assertThatThrownBy(() -> ModelFiles.read(jar, "com.acme:files:2.0"))
                .hasMessageStartingWith("files-2.0.jar!/META-INF/herald/model.json (com.acme:files:2.0, " + jar
                        + ") has modelVersion 3, newer than this Herald (which reads up to 1).");
    }

    @Test
    void aJarThatIsNoZip_isAnErrorNamingIt() throws Exception {
        Path jar = dir.resolve("files-1.0.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            out.write("not a zip".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> ModelFiles.read(jar, "com.acme:files:1.0"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith(jar + " (com.acme:files:1.0) is not a readable jar");
    }
}
