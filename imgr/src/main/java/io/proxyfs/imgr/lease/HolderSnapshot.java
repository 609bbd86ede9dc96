package io.proxyfs.imgr.lease;

/**
 * One mount's standing on one inode at the time of a {@link LeaseSnapshot}. Immutable.
 *
 * @param holder the mount
 * @param state its request state
 */
public record HolderSnapshot(LeaseHolder holder, LeaseRequestState state) {}
