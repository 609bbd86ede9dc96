package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The reply of {@code GetInodeTableEntry}: where the inode's head is (the tail of that object).
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetInodeTableEntryResponse(
        @JsonProperty("InodeHeadObjectNumber") @U64 long inodeHeadObjectNumber,
        @JsonProperty("InodeHeadLength") @U64 long inodeHeadLength) {}
