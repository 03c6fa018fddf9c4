package dev.herald.seed.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * A tunnel was deleted.
 *
 * @param tunnelId the tunnel
 */
@Event("tunnel.deleted")
public record TunnelDeleted(@JsonProperty("TunnelID") String tunnelId) {}
