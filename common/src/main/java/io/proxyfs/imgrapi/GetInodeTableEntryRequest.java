package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The request of {@code GetInodeTableEntry} (needs a Shared or Exclusive lease on the inode).
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetInodeTableEntryRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("InodeNumber") @U64 long inodeNumber) {
    public GetInodeTableEntryRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
