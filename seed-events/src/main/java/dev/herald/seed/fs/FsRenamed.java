package dev.herald.seed.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * A file or directory was renamed or moved.
 *
 * @param assetId the asset the file belongs to
 * @param oldPath the path before
 * @param newPath the path after
 */
@Event("fs.renamed")
public record FsRenamed(
        @EventKey @JsonProperty("AssetID") String assetId,
        @JsonProperty("OldPath") String oldPath,
        @JsonProperty("NewPath") String newPath) {}
