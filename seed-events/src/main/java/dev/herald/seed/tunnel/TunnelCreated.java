package dev.herald.seed.tunnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.Event;

/**
 * A tunnel was created.
 *
 * @param tunnelId the tunnel
 */
@Event("tunnel.created")
public record TunnelCreated(@JsonProperty("TunnelID") String tunnelId) {}
