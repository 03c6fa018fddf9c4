package dev.herald.seed.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * A file or directory was created.
 *
 * @param assetId the asset the file belongs to
 * @param path the new file's path
 * @param isDir whether it is a directory
 */
@Event("fs.created")
public record FsCreated(
        @EventKey @JsonProperty("AssetID") String assetId,
        @JsonProperty("Path") String path,
        @JsonProperty("IsDir") boolean isDir) {}
