package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code VolumeStatus}.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeStatusRequest(
        @JsonProperty("MountID") String mountID) {
    public VolumeStatusRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
