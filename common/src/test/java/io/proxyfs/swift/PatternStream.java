package io.proxyfs.swift;

import java.io.InputStream;

/**
 * A stream of {@code length} pseudo-random bytes computed on the fly from a seed, so large
 * objects can be uploaded and checked without ever holding them in memory. Not thread-safe.
 */
public final class PatternStream extends InputStream {
    private final long length;
    private long position;
    private long state;

    public PatternStream(long seed, long length) {
        this.length = length;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    private int nextByte() {
        if ((position & 7) == 0) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
        }
        int b = (int) (state >>> ((position & 7) * 8)) & 0xFF;
        position++;
        return b;
    }

    @Override
    public int read() {
        return position >= length ? -1 : nextByte();
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            buf[off + i] = (byte) nextByte();
        }
        return n;
    }
}
