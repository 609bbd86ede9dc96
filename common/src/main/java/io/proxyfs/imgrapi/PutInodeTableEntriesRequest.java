package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64List;
import java.util.List;

/**
 * The request of {@code PutInodeTableEntries}: an atomic update of the listed inodes (each under an Exclusive lease), the superblock's accounting adjustments, and objects no longer referenced (deleted after the next checkpoint).
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PutInodeTableEntriesRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("UpdatedInodeTableEntryArray") List<PutInodeTableEntry> updatedInodeTableEntryArray,
        @JsonProperty("SuperBlockInodeObjectCountAdjustment") long superBlockInodeObjectCountAdjustment,
        @JsonProperty("SuperBlockInodeBytesWrittenAdjustment") long superBlockInodeBytesWrittenAdjustment,
        @JsonProperty("SuperBlockInodeBytesReferencedAdjustment") long superBlockInodeBytesReferencedAdjustment,
        @JsonProperty("DereferencedObjectNumberArray") @U64List List<Long> dereferencedObjectNumberArray) {
    public PutInodeTableEntriesRequest {
        mountID = mountID == null ? "" : mountID;
        updatedInodeTableEntryArray = updatedInodeTableEntryArray == null ? List.of() : List.copyOf(updatedInodeTableEntryArray);
        dereferencedObjectNumberArray = dereferencedObjectNumberArray == null ? List.of() : List.copyOf(dereferencedObjectNumberArray);
    }
}
