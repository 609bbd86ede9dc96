package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code Mount}: mount a served volume with a Swift AuthToken.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountRequest(
        @JsonProperty("VolumeName") String volumeName,
        @JsonProperty("AuthToken") String authToken) {
    public MountRequest {
        volumeName = volumeName == null ? "" : volumeName;
        authToken = authToken == null ? "" : authToken;
    }

    /** Never shows the AuthToken. */
    @Override
    public String toString() {
        return "MountRequest[VolumeName=" + volumeName + ", AuthToken=<redacted>]";
    }
}
