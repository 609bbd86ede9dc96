package io.proxyfs.swift;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code limit} bytes of another stream, then end of stream (a whole-object answer to a
 * ranged GET cut at the range's end; the emulator's range of a stored object); closing it closes
 * the other stream. Not thread-safe, like any InputStream.
 */
public final class BoundedInputStream extends FilterInputStream {
    private long left;

    /** At most {@code limit} bytes of {@code in}. */
    public BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(Math.min(n, left));
        left -= s;
        return s;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false; // a reset of the other stream would not give back the bytes counted
    }
}
