package io.proxyfs.imgr.lease;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A consistent, read-only picture of a {@link LeaseManager}, for status pages. Immutable.
 *
 * @param inodes every inode with a lease object, in least-recently-used order
 * @param countsByState how many inodes are in each state (every state present, zero included)
 */
public record LeaseSnapshot(List<InodeLeaseSnapshot> inodes, Map<InodeLeaseState, Integer> countsByState) {

    /** Copies the inputs so the snapshot cannot change. */
    public LeaseSnapshot {
        inodes = List.copyOf(inodes);
        countsByState = Collections.unmodifiableMap(new EnumMap<>(countsByState));
    }

    /** Builds the snapshot of {@code inodes}, counting them by state. */
    static LeaseSnapshot of(List<InodeLeaseSnapshot> inodes) {
        Map<InodeLeaseState, Integer> counts = new EnumMap<>(InodeLeaseState.class);
        for (InodeLeaseState state : InodeLeaseState.values()) {
            counts.put(state, 0);
        }
        for (InodeLeaseSnapshot inode : inodes) {
            counts.merge(inode.state(), 1, Integer::sum);
        }
        return new LeaseSnapshot(inodes, counts);
    }
}
