package io.proxyfs.imgr.lease;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One inode's lease at the time of a {@link LeaseSnapshot}. Immutable.
 *
 * @param inodeNumber the inode
 * @param state its lease state
 * @param holders the mounts holding a lease (granted, promoting, demoting or releasing)
 * @param waiters the mounts waiting for a lease, first in line first
 * @param interruptsSent interrupts sent in the current round (0 if none is under way)
 * @param sinceLastGrant time since the last grant, if anything was ever granted
 * @param evicting whether the lease object is being evicted
 */
public record InodeLeaseSnapshot(
        long inodeNumber,
        InodeLeaseState state,
        List<HolderSnapshot> holders,
        List<HolderSnapshot> waiters,
        int interruptsSent,
        Optional<Duration> sinceLastGrant,
        boolean evicting) {

    /** Copies the lists so the snapshot cannot change. */
    public InodeLeaseSnapshot {
        holders = List.copyOf(holders);
        waiters = List.copyOf(waiters);
    }
}
