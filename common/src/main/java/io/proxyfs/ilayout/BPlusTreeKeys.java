package io.proxyfs.ilayout;

import java.nio.ByteBuffer;

/**
 * Encodes the keys of the layout's B+trees: a u64 (8 bytes, little-endian) for the inode table
 * (inode number) and the extent maps (file offset), and a length-prefixed string (u64 length,
 * UTF-8 bytes) for directories (entry name). Thread-safe: stateless.
 */
public final class BPlusTreeKeys {
    /** Encoded size of a u64 key. */
    public static final int U64_SIZE = 8;

    private static final String U64_KEY = "U64Key";
    private static final String NAME_KEY = "NameKey";

    private BPlusTreeKeys() {
    }

    /** The 8 bytes of a u64 key (an inode number or a file offset, read as unsigned). */
    public static byte[] packU64(long key) {
        return new LayoutWriter(U64_SIZE).u64(key).toByteArray();
    }

    /** Reads a u64 key at {@code buf}'s position and advances it past the 8 bytes. */
    public static long unpackU64(ByteBuffer buf) throws LayoutException {
        return LayoutReader.decodePrefix(buf, U64_KEY, reader -> reader.u64("Key"));
    }

    /** The bytes of a directory-entry name key: u64 UTF-8 length, then the UTF-8 bytes. */
    public static byte[] packName(String name) {
        return new LayoutWriter().string(name).toByteArray();
    }

    /** Reads a directory-entry name key at {@code buf}'s position and advances it past it. */
    public static String unpackName(ByteBuffer buf) throws LayoutException {
        return LayoutReader.decodePrefix(buf, NAME_KEY, reader -> reader.string("Key"));
    }
}
