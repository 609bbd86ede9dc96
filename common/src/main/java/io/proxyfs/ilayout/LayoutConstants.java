package io.proxyfs.ilayout;

/**
 * The constants of ProxyFS 2.0 on-disk layout version 1 (Go {@code ilayout/api.go}).
 *
 * <p>u64 constants are Java longs read as unsigned; u16 constants are ints in 0..0xFFFF.
 * Inode type codes live in {@link InodeType}. Thread-safe: constants only.
 */
public final class LayoutConstants {
    /** The object holding the default copy of the checkpoint text, always object 0. */
    public static final long CHECK_POINT_OBJECT_NUMBER = 0L;
    /** The only checkpoint version: the first field of the checkpoint text. */
    public static final long CHECK_POINT_VERSION_V1 = 1L;
    /** Trailer type of a superblock, 'S' 'B' (bytes {@code 42 53}). */
    public static final int SUPER_BLOCK_TYPE = 0x5342;
    /** Trailer version of {@link SuperBlockV1}. */
    public static final int SUPER_BLOCK_VERSION_V1 = 1;
    /** The first u64 of every {@link InodeTableEntryValueV1}. */
    public static final long INODE_TABLE_ENTRY_VALUE_VERSION_V1 = 1L;
    /** Trailer type of an inode head, 'I' 'H' (bytes {@code 48 49}). */
    public static final int INODE_HEAD_TYPE = 0x4948;
    /** Trailer version of {@link InodeHeadV1}. */
    public static final int INODE_HEAD_VERSION_V1 = 1;
    /** The inode number of the volume's root directory. */
    public static final long ROOT_DIR_INODE_NUMBER = 1L;
    /**
     * The permission bits the original defines for {@code Mode} (rwx for user, group, other).
     * This port stores all 12 permission bits (0o7777); the Go decoder accepts them.
     */
    public static final int INODE_MODE_MASK = 0777;

    private LayoutConstants() {
    }
}
