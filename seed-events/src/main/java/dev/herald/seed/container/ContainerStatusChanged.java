package dev.herald.seed.container;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;
import dev.herald.EventKey;

/**
 * A container on an asset changed status.
 *
 * @param assetId the asset running the container
 * @param containerId the container
 * @param status the new status, such as {@code running} or {@code exited}
 */
@Event("container.statusChanged")
public record ContainerStatusChanged(
        @EventKey @JsonProperty("AssetID") String assetId,
        @JsonProperty("ContainerID") String containerId,
        @JsonProperty("Status") String status) {}
