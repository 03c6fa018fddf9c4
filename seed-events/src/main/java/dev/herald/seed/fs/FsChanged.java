package dev.herald.seed.fs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * Files or directories changed in a folder, for example behind the application's back.
 *
 * @param assetId the asset whose files changed
 * @param path the folder whose listing changed
 */
@Event("fs.changed")
public record FsChanged(
        @EventKey @JsonProperty("AssetID") String assetId,
        @JsonProperty("Path") String path) {}
