package io.proxyfs.iclient.inode;

/**
 * An inode's attributes as stat(2) reports them. Immutable.
 *
 * @param inode st_ino
 * @param mode st_mode: file type bits and all 12 permission bits
 * @param nlink st_nlink
 * @param uid st_uid
 * @param gid st_gid
 * @param rdev st_rdev (devices made by mknod)
 * @param size st_size
 * @param blocks st_blocks (512-byte units)
 * @param atimeNanos st_atim (an explicitly set atime, else the mtime, as the original)
 * @param mtimeNanos st_mtim
 * @param ctimeNanos st_ctim
 */
public record Attr(long inode, int mode, int nlink, long uid, long gid, long rdev, long size, long blocks,
        long atimeNanos, long mtimeNanos, long ctimeNanos) {
    /** File type bits of st_mode. */
    public static final int S_IFMT = 0170000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFSOCK = 0140000;
    /** The 12 permission bits (rwx for three classes, setuid, setgid, sticky). */
    public static final int PERMISSIONS = 07777;
}
