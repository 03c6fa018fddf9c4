package dev.herald.seed.asset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * An asset was deleted.
 *
 * @param assetId the asset
 */
@Event("asset.deleted")
public record AssetDeleted(@JsonProperty("AssetID") String assetId) {}
