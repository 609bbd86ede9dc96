package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps object bytes in heap arrays; nothing survives the process. A PUT's declared length only
 * sizes the first {@link #MAX_FIRST_BUFFER} bytes of buffer: a client declaring gigabytes and
 * sending a few bytes costs a few bytes. Thread-safe (stateless).
 */
final class MemoryBlobStore implements BlobStore {
    private static final int MAX_OBJECT = Integer.MAX_VALUE - 16;
    /** The most allocated before the bytes arrive: 16 MiB. */
    static final int MAX_FIRST_BUFFER = 16 << 20;

    @Override
    public void createContainer(String account, String container) {
        // Nothing to prepare in memory.
    }

    @Override
    public void deleteContainer(String account, String container) {
        // Nothing to remove in memory.
    }

    @Override
    public PendingBlob write(String account, String container, String object, InputStream in, long sizeHint)
            throws IOException {
        byte[] buf = new byte[firstBufferSize(sizeHint)];
        int size = 0;
        while (true) {
            if (size == buf.length) {
                if (size >= MAX_OBJECT) {
                    throw new IOException("object larger than the in-memory emulator holds: " + object);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(MAX_OBJECT, (long) size * 2));
            }
            int n = in.read(buf, size, buf.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        if (buf.length - size > 64 * 1024) {
            buf = Arrays.copyOf(buf, size);             // grown past the object: do not keep the slack
        }
        MemoryBlob blob = new MemoryBlob(buf, size);
        return new PendingBlob() {
            @Override
            public long length() {
                return blob.length();
            }

            @Override
            public Blob commit() {
                return blob;
            }

            @Override
            public void abort() {
                // The array is simply dropped.
            }
        };
    }

    /** One byte more than declared (to see the end without growing), within {@link #MAX_FIRST_BUFFER}. */
    private static int firstBufferSize(long sizeHint) {
        if (sizeHint < 0) {
            return 64 * 1024;
        }
        return (int) Math.min(sizeHint + 1, MAX_FIRST_BUFFER);
    }

    @Override
    public void delete(String account, String container, String object) {
        // The array is dropped with its StoredObject.
    }

    @Override
    public void load(LoadSink sink) {
        // Memory starts empty.
    }
}
