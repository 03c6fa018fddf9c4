package dev.herald.seed.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * Containers were added to or removed from an asset.
 *
 * @param assetId the asset
 */
@Event("container.listChanged")
public record ContainerListChanged(
        @EventKey @JsonProperty("AssetID") String assetId) {}
