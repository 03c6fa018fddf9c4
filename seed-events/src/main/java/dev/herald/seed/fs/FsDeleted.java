package dev.herald.seed.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * A file or directory was deleted.
 *
 * @param assetId the asset the file belonged to
 * @param path the deleted path
 * @param isDir whether it was a directory
 */
@Event("fs.deleted")
public record FsDeleted(
        @EventKey @JsonProperty("AssetID") String assetId,
        @JsonProperty("Path") String path,
        @JsonProperty("IsDir") boolean isDir) {}
