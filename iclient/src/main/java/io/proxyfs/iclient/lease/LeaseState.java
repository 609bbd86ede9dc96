package io.proxyfs.iclient.lease;

/** The lease this client holds on an inode. Thread-safe: an enum. */
public enum LeaseState {
    /** No lease: nothing about the inode may be cached. */
    NONE,
    /** A shared (read) lease: the inode's head, pages and data may be cached and read. */
    SHARED,
    /** An exclusive (write) lease: the inode may also be changed and written back. */
    EXCLUSIVE;

    /** Whether holding this lease allows what {@code wanted} allows. */
    public boolean covers(LeaseState wanted) {
        return ordinal() >= wanted.ordinal();
    }
}
