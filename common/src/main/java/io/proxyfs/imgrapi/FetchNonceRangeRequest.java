package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code FetchNonceRange}: reserve nonces (inode and object numbers) never reused.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchNonceRangeRequest(
        @JsonProperty("MountID") String mountID) {
    public FetchNonceRangeRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
