package dev.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Writes the Java files under the folder of option {@code herald.replay} through the {@code Filer}
 * in the first round, as a processor that had generated them would, and does nothing else: javac's
 * own cost of generated files (the rounds that enter them again, the {@code Filer}, compiling them),
 * without any processor's work. {@link CompileCold}'s {@code floor} mode runs it. Not a service:
 * named with {@code -processor}.
 */
public final class ReplayProcessor extends AbstractProcessor {
    static final String OPTION = "herald.replay";

    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (written) {
            return false;
        }
        written = true;
        Path folder = Path.of(processingEnv.getOptions().get(OPTION));
        for (Path file : javaFiles(folder)) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            String typeName =
                    relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
            try (Writer out =
                    processingEnv.getFiler().createSourceFile(typeName).openWriter()) {
                out.write(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    static List<Path> javaFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
