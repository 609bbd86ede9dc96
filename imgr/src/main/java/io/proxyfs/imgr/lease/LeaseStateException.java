package io.proxyfs.imgr.lease;

/**
 * A lease state transition that the state machine does not allow: a bug, reported instead of the
 * original's process exit. Names the inode and both states involved. Immutable.
 */
public final class LeaseStateException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long inodeNumber;
    private final InodeLeaseState inodeState;

    /**
     * @param inodeNumber the inode whose lease is affected
     * @param inodeState the inode's lease state when the problem was found
     * @param requestState the state of the mount's request involved, or {@code null} if none
     * @param what the event that could not be handled
     */
    public LeaseStateException(long inodeNumber, InodeLeaseState inodeState, LeaseRequestState requestState,
            String what) {
        super(String.format("inode %016X: %s not allowed in inode lease state %s%s", inodeNumber, what, inodeState,
                requestState == null ? "" : " with request state " + requestState));
        this.inodeNumber = inodeNumber;
        this.inodeState = inodeState;
    }

    /** The inode whose lease is affected. */
    public long inodeNumber() {
        return inodeNumber;
    }

    /** The inode's lease state when the problem was found. */
    public InodeLeaseState inodeState() {
        return inodeState;
    }
}
