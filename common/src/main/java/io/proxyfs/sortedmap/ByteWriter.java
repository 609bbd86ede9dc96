package io.proxyfs.sortedmap;

import java.util.Arrays;

/**
 * A growable little-endian byte buffer that nodes and codecs encode into.
 *
 * <p>Thread-safety: not thread-safe; each encoding uses its own writer.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    /** An empty writer with room for {@code initialCapacity} bytes before it grows. */
    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new BPlusTreeException("node too large to encode");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** Appends one byte. */
    public void u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
    }

    /** Appends an unsigned 64-bit value, little-endian. */
    public void u64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    /** Appends {@code bytes} as they are. */
    public void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
