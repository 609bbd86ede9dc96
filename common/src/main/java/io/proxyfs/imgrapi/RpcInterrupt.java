package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The payload of an imgr upcall: unmount (InodeNumber 0), or demote or release the lease on an inode.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RpcInterrupt(
        @JsonProperty("RPCInterruptType") RpcInterruptType rpcInterruptType,
        @JsonProperty("InodeNumber") @U64 long inodeNumber) {}
