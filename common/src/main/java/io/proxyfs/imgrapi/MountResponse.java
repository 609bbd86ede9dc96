package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply of {@code Mount}: the MountID used in every later RPC of this mount.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountResponse(
        @JsonProperty("MountID") String mountID) {
    public MountResponse {
        mountID = mountID == null ? "" : mountID;
    }
}
