package io.proxyfs.ilayout;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The value of a directory B+tree entry (the key is the entry's name, see
 * {@link BPlusTreeKeys#packName(String)}), 9 bytes: InodeNumber u64, InodeType u8. Immutable,
 * so thread-safe.
 *
 * @param inodeNumber the inode the name refers to
 * @param inodeType   that inode's type, kept here to answer readdir without reading the inode
 */
public record DirectoryEntryValueV1(long inodeNumber, InodeType inodeType) {
    /** Encoded size in bytes. */
    public static final int SIZE = 9;

    private static final String STRUCTURE = "DirectoryEntryValueV1";

    /** Refuses a null type. */
    public DirectoryEntryValueV1 {
        Objects.requireNonNull(inodeType, "inodeType");
    }

    /** The 9 encoded bytes. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(SIZE);
        writeTo(writer);
        return writer.toByteArray();
    }

    /** Appends the 9 encoded bytes. */
    public void writeTo(LayoutWriter writer) {
        writer.u64(inodeNumber).u8(inodeType.code());
    }

    /** Decodes exactly 9 bytes; an unknown inode type or any other length is refused. */
    public static DirectoryEntryValueV1 unmarshal(byte[] buf) throws LayoutException {
        return LayoutReader.decodeExactly(buf, STRUCTURE, DirectoryEntryValueV1::readFrom);
    }

    /** Decodes 9 bytes at {@code buf}'s position and advances it past them. */
    public static DirectoryEntryValueV1 unmarshal(ByteBuffer buf) throws LayoutException {
        return LayoutReader.decodePrefix(buf, STRUCTURE, DirectoryEntryValueV1::readFrom);
    }

    /** Reads 9 bytes at the reader's position, refusing an inode type outside 0..2. */
    public static DirectoryEntryValueV1 readFrom(LayoutReader reader) throws LayoutException {
        long inodeNumber = reader.u64("InodeNumber");
        return new DirectoryEntryValueV1(inodeNumber, InodeType.readFrom(reader, "InodeType"));
    }
}
