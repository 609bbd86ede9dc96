package io.proxyfs.ilayout;

import java.nio.ByteBuffer;

/**
 * The value of an inode-table B+tree entry (the key is the inode number, a u64), 24 bytes:
 * Version u64 (always {@link LayoutConstants#INODE_TABLE_ENTRY_VALUE_VERSION_V1}, checked on
 * decode), InodeHeadObjectNumber u64, InodeHeadLength u64. Immutable, so thread-safe.
 *
 * @param inodeHeadObjectNumber the object whose tail holds the inode's {@link InodeHeadV1}
 * @param inodeHeadLength       the length of that tail, trailer included
 */
public record InodeTableEntryValueV1(long inodeHeadObjectNumber, long inodeHeadLength) {
    /** Encoded size in bytes. */
    public static final int SIZE = 24;

    private static final String STRUCTURE = "InodeTableEntryValueV1";

    /** The 24 encoded bytes. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(SIZE);
        writeTo(writer);
        return writer.toByteArray();
    }

    /** Appends the 24 encoded bytes. */
    public void writeTo(LayoutWriter writer) {
        writer.u64(LayoutConstants.INODE_TABLE_ENTRY_VALUE_VERSION_V1)
                .u64(inodeHeadObjectNumber)
                .u64(inodeHeadLength);
    }

    /** Decodes exactly 24 bytes; a wrong version or any other length is refused. */
    public static InodeTableEntryValueV1 unmarshal(byte[] buf) throws LayoutException {
        return LayoutReader.decodeExactly(buf, STRUCTURE, InodeTableEntryValueV1::readFrom);
    }

    /** Decodes 24 bytes at {@code buf}'s position and advances it past them. */
    public static InodeTableEntryValueV1 unmarshal(ByteBuffer buf) throws LayoutException {
        return LayoutReader.decodePrefix(buf, STRUCTURE, InodeTableEntryValueV1::readFrom);
    }

    /** Reads 24 bytes at the reader's position, refusing a version other than 1. */
    public static InodeTableEntryValueV1 readFrom(LayoutReader reader) throws LayoutException {
        int at = reader.offset();
        long version = reader.u64("Version");
        if (version != LayoutConstants.INODE_TABLE_ENTRY_VALUE_VERSION_V1) {
            throw reader.error("Version", at, "expected version "
                    + LayoutConstants.INODE_TABLE_ENTRY_VALUE_VERSION_V1 + ", found "
                    + Long.toUnsignedString(version));
        }
        return new InodeTableEntryValueV1(reader.u64("InodeHeadObjectNumber"),
                reader.u64("InodeHeadLength"));
    }
}
