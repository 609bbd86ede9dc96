package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The request of {@code DeleteInodeTableEntry} (needs an Exclusive lease); the inode lives on while its open count is above zero.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteInodeTableEntryRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("InodeNumber") @U64 long inodeNumber) {
    public DeleteInodeTableEntryRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
