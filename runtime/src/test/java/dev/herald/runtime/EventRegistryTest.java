package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRegistryTest {
    /** Sees the JDK only: no catalog, as in a service built without the processor. */
    private static final ClassLoader NO_CATALOGS = new URLClassLoader(new URL[0], null);

    @Test
    void aClassPathWithoutCatalogs_warnsOnceAtStartup_namingTheFix() {
        EventRegistry.warnedNoCatalog.set(false);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EventRegistry.load(NO_CATALOGS);
            EventRegistry.load(NO_CATALOGS); // a second bus, an EventJson: still one line
        } finally {
            System.setErr(stderr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("WARN"))).singleElement();
        assertThat(log)
                .contains("No Herald event catalog on the class path")
                .contains("dev.herald:herald-processor")
                .contains("<annotationProcessorPaths>");
    }

    @Test
    void aClassPathWithACatalog_saysNothing(@TempDir Path services) throws Exception {
        Path file = services.resolve("META-INF/services/" + EventCatalog.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, TestEvents.class.getName() + "\n");
        ClassLoader withCatalog =
                new URLClassLoader(new URL[] {services.toUri().toURL()}, EventRegistryTest.class.getClassLoader());
        EventRegistry.warnedNoCatalog.set(false);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(EventRegistry.load(withCatalog).find("item.created")).isNotNull();
        } finally {
            System.setErr(stderr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("No Herald event catalog");
    }
}
