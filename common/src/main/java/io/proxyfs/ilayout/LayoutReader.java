package io.proxyfs.ilayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the layout's little-endian primitives from a window of bytes, refusing to read past its
 * end: u8, u16, u32, u64, and strings and byte arrays as a u64 length followed by that many bytes.
 *
 * <p>Every read names the field it reads, so a failure becomes a {@link LayoutException} naming
 * the structure, the field and the offset (from the start of the window). Lengths and counts are
 * checked against the bytes remaining before anything is allocated. u64 values are returned as
 * Java longs to be read as unsigned.
 *
 * <p>Not thread-safe: a reader keeps a position; use one per decoding.
 */
public final class LayoutReader {
    /** Decodes one value from a reader; used to wrap a structure's decoder. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** Reads one value at the reader's position. */
        T readFrom(LayoutReader reader) throws LayoutException;
    }

    private final ByteBuffer window;
    private final String structure;

    private LayoutReader(ByteBuffer window, String structure) {
        this.window = window.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.structure = structure;
    }

    /** A reader over all of {@code bytes}; errors name {@code structure}. */
    public static LayoutReader of(byte[] bytes, String structure) {
        return new LayoutReader(ByteBuffer.wrap(bytes), structure);
    }

    /** A reader over {@code bytes[offset, offset+length)}; errors name {@code structure}. */
    public static LayoutReader of(byte[] bytes, int offset, int length, String structure) {
        return new LayoutReader(ByteBuffer.wrap(bytes, offset, length), structure);
    }

    /**
     * A reader over the bytes from {@code source}'s position to its limit. The source's
     * position, limit and byte order are left untouched.
     */
    public static LayoutReader of(ByteBuffer source, String structure) {
        return new LayoutReader(source, structure);
    }

    /**
     * Decodes a value that must occupy all of {@code bytes}: trailing bytes are refused.
     */
    public static <T> T decodeExactly(byte[] bytes, String structure, Decoder<T> decoder)
            throws LayoutException {
        LayoutReader reader = of(bytes, structure);
        T value = decoder.readFrom(reader);
        reader.expectEnd();
        return value;
    }

    /**
     * Decodes a value starting at {@code source}'s position, which, on success only, is advanced
     * past the bytes consumed; what follows is left for the caller.
     */
    public static <T> T decodePrefix(ByteBuffer source, String structure, Decoder<T> decoder)
            throws LayoutException {
        LayoutReader reader = of(source, structure);
        T value = decoder.readFrom(reader);
        source.position(source.position() + reader.offset());
        return value;
    }

    /** Bytes consumed so far, which is also the offset of the next field. */
    public int offset() {
        return window.position();
    }

    /** Bytes left in the window. */
    public int remaining() {
        return window.remaining();
    }

    /** Reads an unsigned byte (0..255). */
    public int u8(String field) throws LayoutException {
        need(field, 1);
        return window.get() & 0xFF;
    }

    /** Reads a little-endian u16 (0..65535). */
    public int u16(String field) throws LayoutException {
        need(field, 2);
        return window.getShort() & 0xFFFF;
    }

    /** Reads a little-endian u32 (0..2^32-1). */
    public long u32(String field) throws LayoutException {
        need(field, 4);
        return window.getInt() & 0xFFFF_FFFFL;
    }

    /** Reads a little-endian u64, returned as a long to be read as unsigned. */
    public long u64(String field) throws LayoutException {
        need(field, 8);
        return window.getLong();
    }

    /**
     * Reads a u64 element count, refusing it unless {@code count * minEntryBytes} bytes remain,
     * so a corrupt count cannot cause a huge allocation.
     *
     * @param minEntryBytes the fewest bytes one entry can occupy (at least 1)
     */
    public int count(String field, int minEntryBytes) throws LayoutException {
        int at = offset();
        long count = u64(field);
        if (Long.compareUnsigned(count, remaining() / minEntryBytes) > 0) {
            throw error(field, at, "count " + Long.toUnsignedString(count) + " needs at least "
                    + minEntryBytes + " bytes per entry but only " + remaining() + " bytes remain");
        }
        return (int) count;
    }

    /** Reads a u64 length and that many bytes. */
    public byte[] bytes(String field) throws LayoutException {
        int length = length(field);
        byte[] value = new byte[length];
        window.get(value);
        return value;
    }

    /** Reads a u64 length and that many bytes, which must be well-formed UTF-8. */
    public String string(String field) throws LayoutException {
        int at = offset();
        int length = length(field);
        ByteBuffer encoded = window.slice().limit(length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder().decode(encoded).toString();
            window.position(window.position() + length);
            return value;
        } catch (CharacterCodingException e) {
            throw error(field, at, "string of " + length + " bytes is not well-formed UTF-8");
        }
    }

    /** Refuses any bytes left in the window. */
    public void expectEnd() throws LayoutException {
        if (remaining() != 0) {
            throw error("end", offset(), remaining() + " unexpected trailing bytes");
        }
    }

    /** A {@link LayoutException} for {@code field} at {@code offset} of this structure. */
    public LayoutException error(String field, long offset, String problem) {
        return new LayoutException(structure, field, offset, problem);
    }

    private int length(String field) throws LayoutException {
        int at = offset();
        long length = u64(field);
        if (Long.compareUnsigned(length, remaining()) > 0) {
            throw error(field, at, "length " + Long.toUnsignedString(length)
                    + " exceeds the " + remaining() + " bytes remaining");
        }
        return (int) length;
    }

    private void need(String field, int size) throws LayoutException {
        if (remaining() < size) {
            throw error(field, offset(), "truncated: needs " + size + " bytes, " + remaining()
                    + " remain");
        }
    }
}
