package io.proxyfs.imgr.lease;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The requests and leases of one mount, by inode. Guarded by the manager's lock. */
final class MountLeases {

    private final LeaseHolder holder;
    private final Map<Long, LeaseRequest> byInode = new HashMap<>();
    private boolean expired;

    MountLeases(LeaseHolder holder) {
        this.holder = holder;
    }

    LeaseHolder holder() {
        return holder;
    }

    LeaseRequest get(long inodeNumber) {
        return byInode.get(inodeNumber);
    }

    void put(LeaseRequest request) {
        byInode.put(request.inodeNumber(), request);
    }

    void remove(LeaseRequest request) {
        byInode.remove(request.inodeNumber(), request);
    }

    /** A copy, so callers may end requests while going through it. */
    List<LeaseRequest> requests() {
        return new ArrayList<>(byInode.values());
    }

    /** Whether the mount lost its leases for not answering an interrupt. */
    boolean expired() {
        return expired;
    }

    void markExpired() {
        expired = true;
    }
}
