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
 * Three runs each; prints each time and the median. Run: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.herald.bench.CompileCold [events] [seven]}, where {@code
 * seven} gives every record issue 13's seven components instead of the six mixed shapes.
 */
public final class CompileCold {
    private CompileCold() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        boolean seven = args.length > 1 && args[1].equals("seven");
        String classpath = System.getProperty("java.class.path");
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        Path work = Files.createTempDirectory("herald-compile-cold");
        List<String> herald = CompileBenchmark.writeEventSources(work.resolve("herald"), events, false, seven);
        List<String> avaje = CompileBenchmark.writeEventSources(work.resolve("avaje"), events, true, seven);
        double plain = median(javac, work, List.of("-proc:none"), herald, classpath, "javac");
        double withHerald = median(
                javac, work, CompileBenchmark.processorOptions(CompileBenchmark.HERALD), herald, classpath, "herald");
        double withAvaje = median(
                javac, work, CompileBenchmark.processorOptions(CompileBenchmark.AVAJE), avaje, classpath, "avaje");
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

    private static double median(
            String javac, Path work, List<String> processing, List<String> sources, String classpath, String label)
            throws IOException, InterruptedException {
        double[] times = new double[3];
        for (int run = 0; run < times.length; run++) {
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
            long start = System.nanoTime();
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(label + " failed:\n" + output);
            }
            times[run] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s run %d: %.2f s%n", label, run + 1, times[run]);
        }
        Arrays.sort(times);
        return times[1];
    }
}
