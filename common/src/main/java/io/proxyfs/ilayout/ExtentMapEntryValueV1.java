package io.proxyfs.ilayout;

import java.nio.ByteBuffer;

/**
 * The value of a file's extent-map B+tree entry (the key is the extent's file offset, a u64),
 * 24 bytes: Length, ObjectNumber, ObjectOffset (u64 each). This is the final ProxyFS 2.0 form;
 * an early version also stored the file offset in the value (32 bytes). Immutable, so
 * thread-safe.
 *
 * @param length       bytes in the extent, the same in the file and in the object
 * @param objectNumber the object holding the extent's data
 * @param objectOffset where the data starts in that object
 */
public record ExtentMapEntryValueV1(long length, long objectNumber, long objectOffset) {
    /** Encoded size in bytes. */
    public static final int SIZE = 24;

    private static final String STRUCTURE = "ExtentMapEntryValueV1";

    /** The 24 encoded bytes. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(SIZE);
        writeTo(writer);
        return writer.toByteArray();
    }

    /** Appends the 24 encoded bytes. */
    public void writeTo(LayoutWriter writer) {
        writer.u64(length).u64(objectNumber).u64(objectOffset);
    }

    /** Decodes exactly 24 bytes; any other length is refused. */
    public static ExtentMapEntryValueV1 unmarshal(byte[] buf) throws LayoutException {
        return LayoutReader.decodeExactly(buf, STRUCTURE, ExtentMapEntryValueV1::readFrom);
    }

    /** Decodes 24 bytes at {@code buf}'s position and advances it past them. */
    public static ExtentMapEntryValueV1 unmarshal(ByteBuffer buf) throws LayoutException {
        return LayoutReader.decodePrefix(buf, STRUCTURE, ExtentMapEntryValueV1::readFrom);
    }

    /** Reads 24 bytes at the reader's position. */
    public static ExtentMapEntryValueV1 readFrom(LayoutReader reader) throws LayoutException {
        return new ExtentMapEntryValueV1(reader.u64("Length"), reader.u64("ObjectNumber"),
                reader.u64("ObjectOffset"));
    }
}
