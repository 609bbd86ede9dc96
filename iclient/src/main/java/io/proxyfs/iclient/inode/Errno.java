package io.proxyfs.iclient.inode;

/**
 * The POSIX errors the file system reports, by name; {@code io.proxyfs.iclient.fuse.ErrnoMapper}
 * turns them into the platform's numbers at the FUSE boundary. Thread-safe: an enum.
 */
public enum Errno {
    EPERM, ENOENT, EIO, ENXIO, EBADF, EAGAIN, EACCES, EEXIST, EXDEV, ENOTDIR, EISDIR, EINVAL, EFBIG,
    ENOSPC, ERANGE, EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ENODATA, ENOTSUP, EMFILE
}
