package io.proxyfs.ilayout;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the layout's little-endian primitives to a growing byte array: u8, u16, u32, u64, and
 * strings and byte arrays as a u64 length followed by their bytes.
 *
 * <p>Values outside a field's range (e.g. 70000 for a u16) and strings that are not valid
 * Unicode (unpaired surrogates) are refused with {@link IllegalArgumentException} rather than
 * silently truncated or replaced. u64 arguments are longs read as unsigned.
 *
 * <p>Not thread-safe: use one per encoding.
 */
public final class LayoutWriter {
    private byte[] buf;
    private int size;

    /** A writer with a small initial capacity. */
    public LayoutWriter() {
        this(64);
    }

    /** A writer expecting about {@code initialCapacity} bytes (it grows as needed). */
    public LayoutWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 16)];
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** Appends one byte; {@code value} must be in 0..255. */
    public LayoutWriter u8(int value) {
        checkRange("u8", value, 0xFF);
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** Appends a little-endian u16; {@code value} must be in 0..65535. */
    public LayoutWriter u16(int value) {
        checkRange("u16", value, 0xFFFF);
        return little(value, 2);
    }

    /** Appends a little-endian u32; {@code value} must be in 0..2^32-1. */
    public LayoutWriter u32(long value) {
        checkRange("u32", value, 0xFFFF_FFFFL);
        return little(value, 4);
    }

    /** Appends a little-endian u64 (the long read as unsigned). */
    public LayoutWriter u64(long value) {
        return little(value, 8);
    }

    /** Appends {@code value.length} as a u64, then the bytes. */
    public LayoutWriter bytes(byte[] value) {
        u64(value.length);
        return raw(value);
    }

    /** Appends the UTF-8 length as a u64, then the UTF-8 bytes. */
    public LayoutWriter string(String value) {
        return bytes(utf8(value));
    }

    /** Appends bytes as they are, with no length. */
    public LayoutWriter raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The UTF-8 encoding of {@code value}, refusing unpaired surrogates. */
    public static byte[] utf8(String value) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode (unpaired surrogate)", e);
        }
    }

    private LayoutWriter little(long value, int width) {
        ensure(width);
        for (int i = 0; i < width; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int more) {
        int needed = Math.addExact(size, more);
        if (needed > buf.length) {
            int doubled = buf.length > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : buf.length * 2;
            buf = Arrays.copyOf(buf, Math.max(needed, doubled));
        }
    }

    private static void checkRange(String type, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(value + " does not fit in a " + type);
        }
    }
}
