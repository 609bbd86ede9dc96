package io.proxyfs.imgr.lease;

/**
 * The state of the lease on one inode (the original's {@code inodeLeaseState*}).
 *
 * <p>The two {@code *_EXPIRED} states are passed through while an unresponsive holder's lease is
 * being taken away, under the manager's lock; a snapshot never shows them. Immutable.
 */
public enum InodeLeaseState {
    /** Nobody holds or waits; such a lease object is dropped at once. */
    NONE,
    /** Shared holders, the last granted less than MinLeaseDuration ago. */
    SHARED_GRANTED_RECENTLY,
    /** Shared holders, the last granted at least MinLeaseDuration ago, nobody waiting. */
    SHARED_GRANTED_LONG_AGO,
    /** One shared holder waits to be promoted; the others were told to release. */
    SHARED_PROMOTING,
    /** Shared holders were told to release because a request waits (or the lease is evicted). */
    SHARED_RELEASING,
    /** Shared holders that did not release in time are being dropped. */
    SHARED_EXPIRED,
    /** One exclusive holder, granted less than MinLeaseDuration ago. */
    EXCLUSIVE_GRANTED_RECENTLY,
    /** One exclusive holder, granted at least MinLeaseDuration ago, nobody waiting. */
    EXCLUSIVE_GRANTED_LONG_AGO,
    /** The exclusive holder was told to demote because a Shared request waits. */
    EXCLUSIVE_DEMOTING,
    /** The exclusive holder was told to release because an Exclusive request waits (or eviction). */
    EXCLUSIVE_RELEASING,
    /** The exclusive holder that did not answer in time is being dropped. */
    EXCLUSIVE_EXPIRED
}
