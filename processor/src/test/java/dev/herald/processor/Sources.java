package dev.herald.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test sources and javac runs with the processor. */
final class Sources {
    /**
     * Every lint but {@code processing}, whose "no processor claimed" warnings are about the
     * annotations on a project's classpath (Jackson's, {@code @Generated}), not about code.
     */
    static final List<String> STRICT = List.of("-Xlint:all,-processing", "-Werror");

    private Sources() {}

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceLines(qualifiedName, lines);
    }

    static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(), sources);
    }

    static Compilation compile(List<String> options, JavaFileObject... sources) {
        List<String> all = new ArrayList<>(STRICT);
        all.addAll(options);
        return Compiler.javac()
                .withProcessors(new EventProcessor())
                .withOptions(all)
                .compile(sources);
    }

    /**
     * Compiles the sources together with what the processor generated, without processing and with
     * every lint as an error: the generated code itself is warning-free.
     */
    static void assertGeneratedCodeIsLintClean(Compilation compilation, JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        all.addAll(compilation.generatedSourceFiles());
        Compilation again = Compiler.javac()
                .withOptions("-proc:none", "-Xlint:all", "-Werror")
                .compile(all);
        assertThat(again).succeededWithoutWarnings();
    }
}
