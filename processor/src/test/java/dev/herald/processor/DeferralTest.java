package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.herald.processor.Sources.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.herald.processor.diagnostics.HeraldMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** An event whose component type another processor generates a round later is processed then. */
class DeferralTest {
    /** Generates {@code com.example.Later} in its second round, as a chain of code generators might. */
    static final class LateTypeProcessor extends AbstractProcessor {
        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
            for (var root : env.getRootElements()) {
                String name = root.getSimpleName().toString();
                if (name.equals("UsesLater")) {
                    write("com.example.Step", "package com.example; public final class Step {}");
                } else if (name.equals("Step")) {
                    write("com.example.Later", "package com.example; public record Later(String value) {}");
                } else if (name.equals("Source")) {
                    write(
                            "com.example.Generated",
                            "package com.example; @dev.herald.Event(\"gen.made\") public record Generated(String id) {}");
                }
            }
            return false;
        }

        private void write(String name, String source) {
            try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                writer.write(source);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void eventUsingATypeGeneratedLater_isDeferredThenGenerated() {
        JavaFileObject event = source(
                "com.example.UsesLater",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"late.used\")",
                "public record UsesLater(Later later, java.util.List<Later> all) {}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new LateTypeProcessor(), new EventProcessor())
                .withOptions(Sources.STRICT)
                .compile(event);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.UsesLaterJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.LaterJsonCodec");
        assertThat(compilation).generatedSourceFile("com.example.Events");
    }

    @Test
    void typeThatNeverAppears_isReportedNamingIt() {
        JavaFileObject event = source(
                "com.example.UsesGhost",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"ghost.used\")",
                "public record UsesGhost(Ghost ghost) {}");
        Compilation compilation = Sources.compile(event);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        "Herald could not generate code for com.example.UsesGhost because type Ghost does not exist");
    }

    @Test
    void anEventAnotherProcessorGeneratesAfterTheCatalog_isAnErrorOnThatEvent() {
        JavaFileObject declared = source(
                "com.example.Source",
                "package com.example;",
                "import dev.herald.Event;",
                "@Event(\"src.declared\")",
                "public record Source(String id) {}");
        Compilation compilation = Compiler.javac()
                .withProcessors(new LateTypeProcessor(), new EventProcessor())
                .withOptions(Sources.STRICT)
                .compile(declared);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining(
                        HeraldMessage.EVENT_AFTER_CATALOG.format("com.example.Generated", "com.example.Events"));
    }
}
