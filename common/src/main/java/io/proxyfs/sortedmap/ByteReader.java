package io.proxyfs.sortedmap;

/**
 * Reads little-endian values from a byte array, refusing to read past its end.
 *
 * <p>Every read that would run past the end throws {@link BPlusTreeException} saying how many
 * bytes were needed and how many were left; the tree reports it as a {@link
 * CorruptNodeException} naming the node. Thread-safety: not thread-safe; each decoding uses its
 * own reader.
 */
public final class ByteReader {
    private final byte[] buf;
    private int pos;

    /** A reader positioned at the first byte of {@code buf}. */
    public ByteReader(byte[] buf) {
        this.buf = buf;
    }

    private void need(long n) {
        if (n < 0 || n > buf.length - pos) {
            throw new BPlusTreeException("need " + Long.toUnsignedString(n) + " bytes at offset "
                    + pos + ", only " + (buf.length - pos) + " left");
        }
    }

    /** Reads one unsigned byte. */
    public int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    /** Reads an unsigned 64-bit little-endian value (into a {@code long}, bit for bit). */
    public long u64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (buf[pos++] & 0xffL) << (8 * i);
        }
        return v;
    }

    /** Reads {@code n} bytes; {@code n} is unsigned and must not exceed {@link #remaining()}. */
    public byte[] bytes(long n) {
        need(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** The number of bytes consumed so far. */
    public int position() {
        return pos;
    }

    /** The number of bytes not yet consumed. */
    public int remaining() {
        return buf.length - pos;
    }
}
