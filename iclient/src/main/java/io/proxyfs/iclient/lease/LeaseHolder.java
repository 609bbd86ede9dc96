package io.proxyfs.iclient.lease;

/**
 * The file system's part in giving a lease up (implemented by the inode layer). Called with the
 * inode's lease entry locked, never with the file-system lock held.
 */
public interface LeaseHolder {
    /**
     * Gets ready to hold only {@code target} on {@code inode}: writes back whatever is dirty and,
     * for {@link LeaseState#NONE}, drops everything cached about the inode; then runs
     * {@code commit} (which records the new state) while still holding the file-system lock, so
     * that no operation sees the old state without the cache.
     *
     * @throws Exception when the write-back fails; the lease is then kept
     */
    void surrender(long inode, LeaseState target, Runnable commit) throws Exception;

    /** Every lease was lost (remount): drops what is cached and clean. */
    void leasesLost();
}
