package dev.herald.seed.asset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * An asset's settings changed.
 *
 * @param assetId the asset
 */
@Event("asset.updated")
public record AssetUpdated(@JsonProperty("AssetID") String assetId) {}
