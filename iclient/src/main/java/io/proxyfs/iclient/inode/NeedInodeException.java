package io.proxyfs.iclient.inode;

/**
 * Thrown inside an operation, before it changes anything, when it needs an inode that is not
 * cached although its lease is held: {@link OpRunner} drops the file-system lock, loads the inode
 * through {@link InodeLoader} (imgr's inode table and a GET of its head, sharing a load already
 * in flight) and runs the operation again, so no other operation waits for those round trips.
 * Internal to the inode layer; never reaches the FUSE adapter.
 */
final class NeedInodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final long inode;

    NeedInodeException(long inode) {
        super("need inode " + Long.toUnsignedString(inode) + " loaded", null, false, false);
        this.inode = inode;
    }
}
