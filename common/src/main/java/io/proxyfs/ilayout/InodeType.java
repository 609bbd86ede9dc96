package io.proxyfs.ilayout;

/**
 * The type of an inode, stored as one byte in {@link InodeHeadV1} and
 * {@link DirectoryEntryValueV1}. Thread-safe: an enum.
 */
public enum InodeType {
    /** A directory: its payload is a B+tree of name to {@link DirectoryEntryValueV1}. */
    DIR(0),
    /** A regular file: its payload is a B+tree of file offset to {@link ExtentMapEntryValueV1}. */
    FILE(1),
    /** A symbolic link: no payload, the target is in the inode head. */
    SYMLINK(2);

    private static final InodeType[] BY_CODE = values();

    private final int code;

    InodeType(int code) {
        this.code = code;
    }

    /** The on-disk byte: 0, 1 or 2. */
    public int code() {
        return code;
    }

    /** Reads the one-byte type code, refusing any value but 0, 1 and 2. */
    static InodeType readFrom(LayoutReader reader, String field) throws LayoutException {
        int at = reader.offset();
        int value = reader.u8(field);
        if (value >= BY_CODE.length) {
            throw reader.error(field, at, "unknown inode type " + value + " (expected 0, 1 or 2)");
        }
        return BY_CODE[value];
    }
}
