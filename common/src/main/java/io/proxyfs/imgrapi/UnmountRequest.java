package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code Unmount}: end a mount, releasing its leases.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnmountRequest(
        @JsonProperty("MountID") String mountID) {
    public UnmountRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
