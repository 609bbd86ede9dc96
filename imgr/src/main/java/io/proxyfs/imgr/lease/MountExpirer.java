package io.proxyfs.imgr.lease;

/**
 * Told when a mount failed to answer an interrupt within LeaseInterruptLimit sends. By then the lease
 * manager has already taken away every lease of that mount and refuses its further requests; the
 * implementation (the imgr layer) is expected to send the mount an Unmount interrupt, drop it, and
 * call {@link LeaseManager#releaseAll(LeaseHolder)} to forget it.
 *
 * <p>Called at most once per holder, never while the lease manager holds its lock. Implementations
 * must be thread-safe; exceptions they throw are logged and otherwise ignored.
 */
@FunctionalInterface
public interface MountExpirer {

    /** Expires the mount of {@code holder}; {@code reason} says which inode and interrupt timed out. */
    void expire(LeaseHolder holder, String reason);
}
