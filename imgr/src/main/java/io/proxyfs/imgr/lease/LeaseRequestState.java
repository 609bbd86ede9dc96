package io.proxyfs.imgr.lease;

/**
 * Where one mount stands with one inode's lease (the original's {@code leaseRequestState*}), and
 * what that lets the mount do with the inode table entry. Immutable.
 */
public enum LeaseRequestState {
    /** No lease and no request. */
    NONE(false, false),
    /** Waiting for a Shared lease. */
    SHARED_REQUESTED(false, false),
    /** Holding a Shared lease. */
    SHARED_GRANTED(true, false),
    /** Holding a Shared lease and waiting for its promotion to Exclusive. */
    SHARED_PROMOTING(true, false),
    /** Holding a Shared lease that it was told to release. */
    SHARED_RELEASING(true, false),
    /** Waiting for an Exclusive lease. */
    EXCLUSIVE_REQUESTED(false, false),
    /** Holding the Exclusive lease. */
    EXCLUSIVE_GRANTED(true, true),
    /** Holding the Exclusive lease that it was told to demote. */
    EXCLUSIVE_DEMOTING(true, true),
    /** Holding the Exclusive lease that it was told to release. */
    EXCLUSIVE_RELEASING(true, true);

    private final boolean mayRead;
    private final boolean mayWrite;

    LeaseRequestState(boolean mayRead, boolean mayWrite) {
        this.mayRead = mayRead;
        this.mayWrite = mayWrite;
    }

    /** Whether a mount in this state may read the inode (GetInodeTableEntry, open counts). */
    public boolean mayRead() {
        return mayRead;
    }

    /** Whether a mount in this state may change the inode (PutInodeTableEntries, delete). */
    public boolean mayWrite() {
        return mayWrite;
    }
}
