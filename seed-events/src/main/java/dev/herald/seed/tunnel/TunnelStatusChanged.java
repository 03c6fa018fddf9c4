package dev.herald.seed.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * A tunnel's status changed.
 *
 * @param tunnelId the tunnel
 * @param status the new status, such as {@code connected} or {@code failed}
 */
@Event("tunnel.statusChanged")
public record TunnelStatusChanged(
        @JsonProperty("TunnelID") String tunnelId,
        @JsonProperty("Status") String status) {}
