package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * One inode's new head location in a {@code PutInodeTableEntries} request.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PutInodeTableEntry(
        @JsonProperty("InodeNumber") @U64 long inodeNumber,
        @JsonProperty("InodeHeadObjectNumber") @U64 long inodeHeadObjectNumber,
        @JsonProperty("InodeHeadLength") @U64 long inodeHeadLength) {}
