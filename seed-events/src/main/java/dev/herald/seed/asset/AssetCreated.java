package dev.herald.seed.asset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * An asset was created.
 *
 * @param assetId the asset
 */
@Event("asset.created")
public record AssetCreated(@JsonProperty("AssetID") String assetId) {}
