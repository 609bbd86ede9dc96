package io.proxyfs.sortedmap;

/**
 * Unsigned 64-bit keys (inode numbers, file offsets) held in {@link Long}s: packed as 8 bytes
 * little-endian, ordered as unsigned numbers (the original's {@code CompareUint64}).
 *
 * <p>Thread-safety: stateless; use {@link #INSTANCE}.
 */
public final class U64KeyCodec implements KeyCodec<Long> {
    /** The shared instance. */
    public static final U64KeyCodec INSTANCE = new U64KeyCodec();

    private U64KeyCodec() {
    }

    @Override
    public void pack(Long key, ByteWriter out) {
        out.u64(key);
    }

    @Override
    public Long unpack(ByteReader in) {
        return in.u64();
    }

    @Override
    public int compare(Long a, Long b) {
        return Long.compareUnsigned(a, b);
    }
}
