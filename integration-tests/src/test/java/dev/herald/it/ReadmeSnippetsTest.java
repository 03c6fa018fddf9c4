package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's code compiles as a reader pastes it, so the README cannot drift from the code: every
 * {@code java} block through javac with the processor (a block with a {@code package} line is a
 * source file; any other is its imports plus statements, run in a method), and every {@code tsx}
 * block through {@code tsc --strict} against the TypeScript the processor wrote for the README's
 * own events.
 *
 * <p>What the README's statements take as given, the reader's own objects, are the method's
 * parameters when a block uses them without declaring them: {@code bus} (the {@code EventBus}),
 * {@code sessions} (something that maps a session cookie to a user) and {@code servletContext}. The
 * TypeScript blocks likewise get the app's {@code api} client and {@code FileList} component.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("../README.md");
    private static final Path WORK = Path.of("target/readme").toAbsolutePath();
    private static final Path TSC = Path.of("node_modules/typescript/bin/tsc");

    private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w+)\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern TOP_LEVEL_TYPE =
            Pattern.compile("(?m)^(?:public )?(?:final )?(?:record|class|interface|enum) (\\w+)");

    /** The reader's own objects: name, Java type, as a parameter of a statements block. */
    private static final List<String[]> GIVEN = List.of(
            new String[] {"bus", "dev.herald.runtime.EventBus"},
            new String[] {"sessions", "Sessions"},
            new String[] {"servletContext", "jakarta.servlet.ServletContext"});

    /** One fenced block: its language, text and the README line it starts on. */
    record Block(String language, String code, int line) {}

    private static List<Block> blocks;

    @BeforeAll
    static void readTheReadme() throws IOException {
        String readme = Files.readString(README);
        blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(readme);
        while (matcher.find()) {
            int line = (int) readme.substring(0, matcher.start()).lines().count() + 1;
            blocks.add(new Block(matcher.group(1), matcher.group(2), line));
        }
    }

    @Test
    void everyJavaBlock_compilesWithTheProcessor_asWritten() throws Exception {
        List<Block> java =
                blocks.stream().filter(b -> b.language.equals("java")).toList();
        assertThat(java).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);
        Path sources = clean(WORK.resolve("java"));
        Path classes = clean(WORK.resolve("classes"));
        Path typescript = clean(WORK.resolve("ts"));
        List<Path> files = new ArrayList<>();
        files.add(write(
                sources.resolve("readme/Sessions.java"),
                "package readme;\n\n/** The reader's session store. */\npublic interface Sessions {\n"
                        + "    Object user(String sessionCookie);\n}\n"));
        for (Block block : java) {
            files.add(writeJava(sources, block));
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-processor",
                    "dev.herald.processor.EventProcessor",
                    "-Aherald.ts.outputDir=" + typescript,
                    "-Aherald.ts.tanstack=true",
                    "-d",
                    classes.toString());
            compiled = javac.getTask(
                            new StringWriter(),
                            fileManager,
                            diagnostics,
                            options,
                            null,
                            fileManager.getJavaFileObjectsFromPaths(files))
                    .call();
        }
        String errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        assertThat(compiled)
                .as("the README's Java compiles; errors:\n%s", errors)
                .isTrue();
        assertThat(typescript.resolve("events.ts")).exists();
    }

    @Test
    void everyTsxBlock_typeChecksAgainstTheGeneratedFolder() throws Exception {
        assertThat(TSC)
                .as("TypeScript is installed by the build (npm ci) before the tests run")
                .exists();
        everyJavaBlock_compilesWithTheProcessor_asWritten(); // the README's events, generated into WORK/ts
        List<Block> tsx = blocks.stream()
                .filter(b -> b.language.equals("tsx") || b.language.equals("ts"))
                .toList();
        assertThat(tsx).as("tsx blocks in the README").hasSizeGreaterThanOrEqualTo(2);
        Path snippets = clean(WORK.resolve("tsx"));
        for (Block block : tsx) {
            write(snippets.resolve("readme_line_" + block.line + ".tsx"), "export {};\n" + block.code);
        }
        write(snippets.resolve("the_app.d.ts"), """
                // What the README's frontend snippets take as the app's own.
                declare const api: { listFiles(assetId: string): Promise<readonly string[]> };
                declare function FileTable(props: { files: readonly string[] | undefined }): React.ReactNode;
                """);
        Path config = write(WORK.resolve("tsconfig.json"), """
                {
                  "compilerOptions": {
                    "target": "ES2022",
                    "module": "ESNext",
                    "moduleResolution": "Bundler",
                    "lib": ["ES2022", "DOM"],
                    "jsx": "react-jsx",
                    "strict": true,
                    "noEmit": true,
                    "isolatedModules": true,
                    "skipLibCheck": true,
                    "types": ["node"],
                    "baseUrl": ".",
                    "paths": { "@/api/*": ["ts/*"] }
                  },
                  "include": ["tsx", "ts"]
                }
                """);

        Process tsc = new ProcessBuilder("node", TSC.toString(), "-p", config.toString(), "--pretty", "false")
                .redirectErrorStream(true)
                .start();
        String output = new String(tsc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tsc.waitFor(2, TimeUnit.MINUTES)).as("tsc finished").isTrue();
        assertThat(tsc.exitValue())
                .as("tsc on the README's TypeScript (files named by README line):\n%s", output)
                .isZero();
    }

    /** A source file as written, or the block's statements in a method of a class of their own. */
    private static Path writeJava(Path sources, Block block) throws IOException {
        Matcher pkg = PACKAGE.matcher(block.code);
        if (pkg.find()) {
            Matcher type = TOP_LEVEL_TYPE.matcher(block.code);
            assertThat(type.find())
                    .as("a type in the README's source file at line %d", block.line)
                    .isTrue();
            Path dir = sources.resolve(pkg.group(1).replace('.', '/'));
            return write(dir.resolve(type.group(1) + ".java"), block.code);
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder statements = new StringBuilder();
        for (String line : block.code.lines().toList()) {
            (line.startsWith("import ") ? imports : statements).append(line).append('\n');
        }
        List<String> parameters = new ArrayList<>();
        for (String[] given : GIVEN) {
            String name = given[0];
            boolean used =
                    Pattern.compile("\\b" + name + "\\b").matcher(statements).find();
            boolean declared = Pattern.compile("\\w[\\w<>]* " + name + " = ")
                    .matcher(statements)
                    .find();
            if (used && !declared) {
                parameters.add(given[1] + " " + name);
            }
        }
        String name = "ReadmeLine" + block.line;
        String source = "package readme;\n\n" + imports + "\nclass " + name + " {\n    void run("
                + String.join(", ", parameters) + ") throws Exception {\n" + statements + "    }\n}\n";
        return write(sources.resolve("readme/" + name + ".java"), source);
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
