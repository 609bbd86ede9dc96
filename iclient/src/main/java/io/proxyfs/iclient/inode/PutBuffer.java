package io.proxyfs.iclient.inode;

import java.util.Arrays;

/**
 * The bytes of the object an inode is writing next (data extents, then B+tree pages, then its
 * head), before it is PUT. Not thread-safe: appended to under the file-system lock; once sent
 * ahead ({@link #sending}) it is never appended to again, so the PUT thread reads it without
 * the lock.
 */
final class PutBuffer {
    final long objectNumber;
    /**
     * The PUT started by {@link Flusher#sendAhead} (a full object of a file being written), or
     * null if the next write-back must PUT it; guarded by the file-system lock.
     */
    java.util.concurrent.CompletableFuture<Void> sending;
    private byte[] bytes = new byte[4096];
    private int size;

    PutBuffer(long objectNumber) {
        this.objectNumber = objectNumber;
    }

    /** Appends {@code length} bytes of {@code data}; returns where they start. */
    long append(byte[] data, int offset, int length) {
        if ((long) size + length > Integer.MAX_VALUE - 16) {
            throw new FsException(Errno.EFBIG, "object buffer would exceed 2 GiB");
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + length, Math.min(Integer.MAX_VALUE - 16,
                    bytes.length * 2)));
        }
        System.arraycopy(data, offset, bytes, size, length);
        long at = size;
        size += length;
        return at;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst}. */
    void read(long offset, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    byte[] copy(long offset, long length) {
        return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
    }

    int size() {
        return size;
    }

    /** The backing array (valid up to {@link #size()}). */
    byte[] array() {
        return bytes;
    }
}
