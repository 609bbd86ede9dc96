package io.proxyfs.imgr.lease;

import io.proxyfs.imgrapi.LeaseResponseType;
import java.util.concurrent.CompletableFuture;

/**
 * One mount's request for, or lease on, one inode, from the Shared or Exclusive request until the
 * lease is released or taken away. Guarded by the manager's lock.
 */
final class LeaseRequest {

    private final MountLeases mount;
    private final InodeLease lease;
    private LeaseRequestState state;
    private CompletableFuture<LeaseResponseType> pendingReply;

    LeaseRequest(MountLeases mount, InodeLease lease, LeaseRequestState state,
            CompletableFuture<LeaseResponseType> pendingReply) {
        this.mount = mount;
        this.lease = lease;
        this.state = state;
        this.pendingReply = pendingReply;
    }

    MountLeases mount() {
        return mount;
    }

    LeaseHolder holder() {
        return mount.holder();
    }

    InodeLease lease() {
        return lease;
    }

    long inodeNumber() {
        return lease.inodeNumber();
    }

    LeaseRequestState state() {
        return state;
    }

    void setState(LeaseRequestState state) {
        this.state = state;
    }

    /** The reply still owed to a waiting Shared, Exclusive or Promote request. */
    CompletableFuture<LeaseResponseType> takePendingReply() {
        CompletableFuture<LeaseResponseType> reply = pendingReply;
        pendingReply = null;
        return reply;
    }

    void setPendingReply(CompletableFuture<LeaseResponseType> pendingReply) {
        this.pendingReply = pendingReply;
    }

    /** Ends the request: no lease any more, and the mount forgets it. */
    void finish() {
        state = LeaseRequestState.NONE;
        mount.remove(this);
    }

    HolderSnapshot snapshot() {
        return new HolderSnapshot(holder(), state);
    }
}
