package io.proxyfs.iswift;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A {@link Blob} held in a byte array that is never modified. Thread-safe. */
final class MemoryBlob implements Blob {
    private final byte[] bytes;
    private final int length;

    MemoryBlob(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open(long offset, long count) {
        return new ByteArrayInputStream(bytes, Math.toIntExact(offset), Math.toIntExact(count));
    }
}
