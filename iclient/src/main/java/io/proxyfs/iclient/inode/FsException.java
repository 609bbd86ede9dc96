package io.proxyfs.iclient.inode;

/**
 * A file-system operation refused with a POSIX error (ENOENT, EEXIST, ...). Unchecked, so it can
 * cross the B+tree's callbacks; only the FUSE adapter turns it into an errno.
 */
public final class FsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public FsException(Errno errno, String message) {
        super(errno + ": " + message);
        this.errno = errno;
    }

    public FsException(Errno errno, String message, Throwable cause) {
        super(errno + ": " + message, cause);
        this.errno = errno;
    }

    /** The error. */
    public Errno errno() {
        return errno;
    }
}
