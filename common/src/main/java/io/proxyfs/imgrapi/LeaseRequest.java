package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The request of {@code Lease}: a blocking lease operation on one inode.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseRequest(
        @JsonProperty("MountID") String mountID,
        @JsonProperty("InodeNumber") @U64 long inodeNumber,
        @JsonProperty("LeaseRequestType") LeaseRequestType leaseRequestType) {
    public LeaseRequest {
        mountID = mountID == null ? "" : mountID;
    }
}
