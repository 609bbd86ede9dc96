package io.proxyfs.ilayout;

/**
 * One object's space accounting, 24 bytes: ObjectNumber, BytesWritten, BytesReferenced (u64
 * each). It is the entry of both {@link SuperBlockV1#inodeTableLayout()} (Go
 * {@code InodeTableLayoutEntryV1Struct}) and {@link InodeHeadV1#layout()} (Go
 * {@code InodeHeadLayoutEntryV1Struct}), which share this encoding. BytesWritten was named
 * ObjectSize in early versions of the original, with the same bytes. Immutable, so thread-safe.
 *
 * @param objectNumber    the object holding B+tree pages (and, for files, data)
 * @param bytesWritten    bytes written to that object by this tree or inode (u64)
 * @param bytesReferenced bytes of that object still referenced (u64); at 0 it may be deleted
 */
public record LayoutEntryV1(long objectNumber, long bytesWritten, long bytesReferenced) {
    /** Encoded size in bytes. */
    public static final int SIZE = 24;

    /** Appends the 24 encoded bytes. */
    public void writeTo(LayoutWriter writer) {
        writer.u64(objectNumber).u64(bytesWritten).u64(bytesReferenced);
    }

    /** Reads 24 bytes; {@code field} names the entry in errors, e.g. {@code "Layout[2]"}. */
    static LayoutEntryV1 readFrom(LayoutReader reader, String field) throws LayoutException {
        return new LayoutEntryV1(
                reader.u64(field + ".ObjectNumber"),
                reader.u64(field + ".BytesWritten"),
                reader.u64(field + ".BytesReferenced"));
    }
}
