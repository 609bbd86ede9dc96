package io.proxyfs.ilayout;

/**
 * The 8-byte trailer after a {@link SuperBlockV1} or {@link InodeHeadV1}: ObjType u16, Version
 * u16, Length u32, where Length is the number of payload bytes before the trailer.
 *
 * <p>Decoding reads the last 8 bytes of the buffer and requires Length to equal the bytes before
 * them, so callers pass exactly the structure's tail bytes (trailer included). Immutable, so
 * thread-safe.
 *
 * @param objType u16, e.g. {@link LayoutConstants#SUPER_BLOCK_TYPE}
 * @param version u16
 * @param length  u32, the payload bytes preceding the trailer
 */
public record ObjectTrailer(int objType, int version, long length) {
    /** Encoded size in bytes. */
    public static final int SIZE = 8;

    private static final String STRUCTURE = "ObjectTrailer";

    /** Checks that each field fits its on-disk width. */
    public ObjectTrailer {
        if (objType < 0 || objType > 0xFFFF) {
            throw new IllegalArgumentException("objType " + objType + " does not fit in a u16");
        }
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("version " + version + " does not fit in a u16");
        }
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("length " + length + " does not fit in a u32");
        }
    }

    /** The 8 encoded bytes. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(SIZE);
        writeTo(writer);
        return writer.toByteArray();
    }

    /** Appends the 8 encoded bytes. */
    public void writeTo(LayoutWriter writer) {
        writer.u16(objType).u16(version).u32(length);
    }

    /**
     * Decodes the trailer in the last 8 bytes of {@code buf}, whose Length must equal
     * {@code buf.length - 8}.
     */
    public static ObjectTrailer unmarshal(byte[] buf) throws LayoutException {
        return readTail(buf, STRUCTURE);
    }

    /**
     * Reads 8 trailer bytes at the reader's position without checking Length against anything,
     * e.g. to learn a structure's length from the last 8 bytes of an object.
     */
    public static ObjectTrailer readFrom(LayoutReader reader) throws LayoutException {
        return new ObjectTrailer(reader.u16("ObjectTrailer.ObjType"),
                reader.u16("ObjectTrailer.Version"), reader.u32("ObjectTrailer.Length"));
    }

    /** Appends a trailer describing everything written so far and returns all the bytes. */
    static byte[] seal(LayoutWriter writer, int objType, int version) {
        new ObjectTrailer(objType, version, writer.size()).writeTo(writer);
        return writer.toByteArray();
    }

    /**
     * Checks the trailer at the end of {@code buf} (length, type, version) and returns a reader
     * over the payload before it; errors name {@code structure}.
     */
    static LayoutReader openPayload(byte[] buf, String structure, int objType, int version)
            throws LayoutException {
        ObjectTrailer trailer = readTail(buf, structure);
        int at = buf.length - SIZE;
        if (trailer.objType != objType) {
            throw new LayoutException(structure, "ObjectTrailer.ObjType", at, String.format(
                    "expected type 0x%04X, found 0x%04X", objType, trailer.objType));
        }
        if (trailer.version != version) {
            throw new LayoutException(structure, "ObjectTrailer.Version", at + 2,
                    "expected version " + version + ", found " + trailer.version);
        }
        return LayoutReader.of(buf, 0, at, structure);
    }

    private static ObjectTrailer readTail(byte[] buf, String structure) throws LayoutException {
        if (buf.length < SIZE) {
            throw new LayoutException(structure, "ObjectTrailer", 0, "truncated: needs " + SIZE
                    + " bytes for the trailer, have " + buf.length);
        }
        int at = buf.length - SIZE;
        ObjectTrailer trailer = readFrom(LayoutReader.of(buf, at, SIZE, structure));
        if (trailer.length != at) {
            throw new LayoutException(structure, "ObjectTrailer.Length", at + 4, "trailer says "
                    + trailer.length + " payload bytes precede it, but " + at + " do");
        }
        return trailer;
    }
}
