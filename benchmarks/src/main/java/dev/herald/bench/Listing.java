package dev.herald.bench;

import dev.herald.Event;
import dev.herald.EventKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payload with collections and nested records, heavier than the seed's events, for the codec
 * benchmark.
 */
@Event("bench.listing")
public record Listing(
        @EventKey String assetId, String path, List<Entry> entries, Map<String, String> labels, Optional<Owner> owner) {
    public record Entry(String name, long size, Instant modified, boolean dir, List<String> tags) {}

    public record Owner(String id, String displayName) {}
}
