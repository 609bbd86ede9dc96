package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code RenewMount}: a fresh AuthToken for a mount.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RenewMountRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("AuthToken") String authToken) {
    public RenewMountRequest {
        mountID = mountID == null ? "" : mountID;
        authToken = authToken == null ? "" : authToken;
    }

    /** Never shows the AuthToken. */
    @Override
    public String toString() {
        return "RenewMountRequest[MountID=" + mountID + ", AuthToken=<redacted>]";
    }
}
