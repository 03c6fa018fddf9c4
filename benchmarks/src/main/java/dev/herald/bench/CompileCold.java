package dev.herald.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Compile cost as a build sees it: cold {@code javac} processes (a fresh JVM each, as Maven without
 * a daemon runs it) on {@link CompileBenchmark}'s 500 records, plain ({@code -proc:none}), with
 * Herald's processor, and with avaje-jsonb's generator on the same records annotated {@code @Json}.
 * Three runs each ({@code -Dherald.bench.compileRuns=N} for N); prints each time and the median. Run: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.herald.bench.CompileCold [events] [seven] [floor]}, where
 * {@code seven} gives every record issue 13's seven components instead of the six mixed shapes.
 *
 * <p>{@code floor} measures what javac itself charges for generated files, whoever writes them:
 * Herald's output of one run is written again through the {@code Filer} by {@link
 * ReplayProcessor} (no processor work), once as generated and once with every codec method's body
 * emptied (the same files and classes, almost no code). Plain javac, those two and Herald, in turn.
 */
public final class CompileCold {
    /** Cold runs per compiler: 3 unless {@code -Dherald.bench.compileRuns} says otherwise. */
    private static final int RUNS = Integer.getInteger("herald.bench.compileRuns", 3);

    private CompileCold() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<String> flags = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        boolean seven = flags.contains("seven");
        String classpath = System.getProperty("java.class.path");
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        Path work = Files.createTempDirectory("herald-compile-cold");
        List<String> herald = CompileBenchmark.writeEventSources(work.resolve("herald"), events, false, seven);
        if (flags.contains("floor")) {
            floor(javac, work, herald, classpath, events);
            return;
        }
        List<String> avaje = CompileBenchmark.writeEventSources(work.resolve("avaje"), events, true, seven);
        double plain = median(javac, work, List.of("-proc:none"), herald, classpath, "javac");
        double withHerald = median(
                javac, work, CompileBenchmark.processorOptions(CompileBenchmark.HERALD), herald, classpath, "herald");
        double withAvaje = median(
                javac, work, CompileBenchmark.processorOptions(CompileBenchmark.AVAJE), avaje, classpath, "avaje");
        ResultRows.add("compile", "records", events, "compiler", "javac", "seconds", plain);
        ResultRows.add("compile", "records", events, "compiler", "herald", "seconds", withHerald);
        ResultRows.add("compile", "records", events, "compiler", "avaje-jsonb", "seconds", withAvaje);
        System.out.printf(
                Locale.ROOT,
                "%d records, cold javac (JDK %s), medians: javac %.2f s; herald %.2f s (%.1fx javac, %.2fx avaje);"
                        + " avaje-jsonb %.2f s (%.1fx javac)%n",
                events,
                Runtime.version(),
                plain,
                withHerald,
                withHerald / plain,
                withHerald / withAvaje,
                withAvaje,
                withAvaje / plain);
    }

    private static void floor(String javac, Path work, List<String> sources, String classpath, int events)
            throws IOException, InterruptedException {
        Path generated = compile(
                        javac,
                        work,
                        CompileBenchmark.processorOptions(CompileBenchmark.HERALD),
                        sources,
                        classpath,
                        "herald")
                .resolve("generated");
        Path stubs = work.resolve("stubs");
        int emptied = 0;
        for (Path file : ReplayProcessor.javaFiles(generated)) {
            Path copy = stubs.resolve(generated.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            String text = Files.readString(file);
            String stub = emptyCodecMethods(text);
            emptied += stub.equals(text) ? 0 : 1;
            Files.writeString(copy, stub);
        }
        if (emptied < events) {
            throw new IllegalStateException("only " + emptied + " codecs emptied: has the codec template changed?");
        }
        double[][] times = new double[4][3];
        String[] labels = {"javac", "replay-empty", "replay", "herald"};
        List<List<String>> options = List.of(
                List.of("-proc:none"),
                replay(stubs),
                replay(generated),
                CompileBenchmark.processorOptions(CompileBenchmark.HERALD));
        for (int run = 0; run < 3; run++) {
            for (int i = 0; i < labels.length; i++) {
                times[i][run] = time(javac, work, options.get(i), sources, classpath, labels[i], run);
            }
        }
        double plain = medianOf(times[0]);
        StringBuilder summary = new StringBuilder(String.format(
                Locale.ROOT,
                "%d records, cold javac (JDK %s), medians: javac %.2f s",
                events,
                Runtime.version(),
                plain));
        for (int i = 1; i < labels.length; i++) {
            summary.append(String.format(
                    Locale.ROOT,
                    "; %s %.2f s (%.1fx javac)",
                    labels[i],
                    medianOf(times[i]),
                    medianOf(times[i]) / plain));
        }
        System.out.println(summary);
    }

    private static List<String> replay(Path folder) {
        List<String> options = new ArrayList<>(CompileBenchmark.processorOptions(ReplayProcessor.class.getName()));
        options.add("-A" + ReplayProcessor.OPTION + "=" + folder);
        return options;
    }

    /** A record codec with {@code encode} and {@code decode} emptied; other files unchanged. */
    private static String emptyCodecMethods(String codec) {
        int encode = codec.indexOf("    @Override\n    public void encode(");
        int decode = codec.indexOf("    @Override\n    public ", encode + 1);
        if (encode < 0 || decode < 0) {
            return codec;
        }
        String signature = codec.substring(decode, codec.indexOf(" throws IOException {", decode));
        return codec.substring(0, codec.indexOf('{', encode) + 1) + "}\n\n" + signature
                + " throws IOException {\n        return null;\n    }\n}\n";
    }

    private static double median(
            String javac, Path work, List<String> processing, List<String> sources, String classpath, String label)
            throws IOException, InterruptedException {
        double[] times = new double[RUNS];
        for (int run = 0; run < times.length; run++) {
            times[run] = time(javac, work, processing, sources, classpath, label, run);
        }
        return medianOf(times);
    }

    private static double medianOf(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double time(
            String javac,
            Path work,
            List<String> processing,
            List<String> sources,
            String classpath,
            String label,
            int run)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        compile(javac, work, processing, sources, classpath, label);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s run %d: %.2f s%n", label, run + 1, seconds);
        return seconds;
    }

    /** One cold javac; returns its output folder ({@code classes}, {@code generated}). */
    private static Path compile(
            String javac, Path work, List<String> processing, List<String> sources, String classpath, String label)
            throws IOException, InterruptedException {
        Path out = Files.createTempDirectory(work, "out");
        Path argFile = out.resolve("sources.txt");
        Files.write(argFile, sources, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(
                javac,
                "-J-Xmx2g",
                "-cp",
                classpath,
                "-implicit:none",
                "-d",
                out.resolve("classes").toString(),
                "-s",
                Files.createDirectories(out.resolve("generated")).toString()));
        command.addAll(processing);
        command.add("@" + argFile);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(label + " failed:\n" + output);
        }
        return out;
    }
}
