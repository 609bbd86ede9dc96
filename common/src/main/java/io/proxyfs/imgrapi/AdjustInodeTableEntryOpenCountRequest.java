package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The request of {@code AdjustInodeTableEntryOpenCount}: add {@code Adjustment} (+1 or -1) to the inode's open count.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdjustInodeTableEntryOpenCountRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("InodeNumber") @U64 long inodeNumber,
        @JsonProperty("Adjustment") long adjustment) {
    public AdjustInodeTableEntryOpenCountRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
