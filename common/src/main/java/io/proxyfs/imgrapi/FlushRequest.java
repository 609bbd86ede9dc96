package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request of {@code Flush}: make every earlier {@code PutInodeTableEntries} durable (a checkpoint).
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlushRequest(
        @JsonProperty("MountID") String mountID) {
    public FlushRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
