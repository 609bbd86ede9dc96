package io.proxyfs.sortedmap;

/**
 * Values that are raw byte arrays of one fixed width, stored as they are (no length prefix).
 *
 * <p>Packing a value of another width is refused. Callers must not modify arrays handed to or
 * read from a tree. Thread-safety: immutable.
 */
public final class FixedBytesValueCodec implements ValueCodec<byte[]> {
    private final int width;

    /** A codec for values of exactly {@code width} bytes ({@code width >= 0}). */
    public FixedBytesValueCodec(int width) {
        if (width < 0) {
            throw new IllegalArgumentException("width must be >= 0, got " + width);
        }
        this.width = width;
    }

    /** The width of every value. */
    public int width() {
        return width;
    }

    @Override
    public void pack(byte[] value, ByteWriter out) {
        if (value.length != width) {
            throw new BPlusTreeException("value is " + value.length + " bytes, codec width is " + width);
        }
        out.bytes(value);
    }

    @Override
    public byte[] unpack(ByteReader in) {
        return in.bytes(width);
    }
}
