package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;

/**
 * Thrown inside an operation, before it changes anything, when it needs a lease this client does
 * not hold: {@link OpRunner} drops the file-system lock, takes the lease from imgr and runs the
 * operation again. Internal to the inode layer; never reaches the FUSE adapter.
 */
final class NeedLeaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final long inode;
    final LeaseState wanted;

    NeedLeaseException(long inode, LeaseState wanted) {
        super("need " + wanted + " lease on inode " + Long.toUnsignedString(inode), null, false, false);
        this.inode = inode;
        this.wanted = wanted;
    }
}
