package dev.herald.sample.notes;

import java.util.OptionalDouble;

/** Reads one series of a {@code /actuator/prometheus} scrape. */
final class PrometheusScrape {
    private PrometheusScrape() {}

    /** The value of {@code series} (name and labels, as written), or empty when absent. */
    static OptionalDouble sample(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
                .findFirst();
    }
}
