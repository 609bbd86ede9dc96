package io.proxyfs.iclient.inode;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of the object an inode is writing next (data extents, then B+tree pages, then its
 * head), before it is PUT. Held in chunks of {@link #CHUNK} bytes (the last one may be smaller
 * and grows up to that size), so a growing object is never copied whole and no array is large
 * enough for the garbage collector to treat it as humongous. Not thread-safe: appended to under
 * the file-system lock; once sent ahead ({@link #sending}) it is never appended to again, so the
 * PUT thread reads it without the lock.
 */
final class PutBuffer {
    /** Size of every chunk but the last. */
    static final int CHUNK = 256 * 1024;
    private static final int FIRST = 4096;

    final long objectNumber;
    /**
     * The PUT started by {@link Flusher#sendAhead} (a full object of a file being written), or
     * null if the next write-back must PUT it; guarded by the file-system lock.
     */
    java.util.concurrent.CompletableFuture<Void> sending;
    /** Every chunk but the last is full ({@link #CHUNK} bytes). */
    private final List<byte[]> chunks = new ArrayList<>();
    private int size;
    /** Where full-size chunks come from and go back to; null: always new arrays. */
    private final ChunkPool pool;

    PutBuffer(long objectNumber) {
        this(objectNumber, null);
    }

    PutBuffer(long objectNumber, ChunkPool pool) {
        this.objectNumber = objectNumber;
        this.pool = pool;
    }

    /** Appends {@code length} bytes of {@code data}; returns where they start. */
    long append(byte[] data, int offset, int length) {
        return append((from, dst, dstOffset, n) -> System.arraycopy(data, offset + from, dst, dstOffset, n), length);
    }

    /** Appends the first {@code length} bytes of {@code source}; returns where they start. */
    long append(WriteSource source, int length) {
        if ((long) size + length > Integer.MAX_VALUE - 16) {
            throw new FsException(Errno.EFBIG, "object buffer would exceed 2 GiB");
        }
        long at = size;
        int done = 0;
        while (done < length) {
            byte[] last = room(length - done);
            int within = size % CHUNK;
            int n = Math.min(length - done, last.length - within);
            source.copyTo(done, last, within, n);
            done += n;
            size += n;
        }
        return at;
    }

    /**
     * The chunk the next byte goes into, with room for at least one byte: a new one when every
     * chunk is full, or the last one grown (only the first chunk starts short, sized for the
     * first append, so a small object stays small).
     */
    private byte[] room(int wanted) {
        if (chunks.isEmpty() || size == (long) chunks.size() * CHUNK) {
            boolean small = chunks.isEmpty() && wanted < CHUNK / 2;
            chunks.add(small ? new byte[Math.max(FIRST, wanted)] : pool != null ? pool.take() : new byte[CHUNK]);
        }
        int last = chunks.size() - 1;
        byte[] b = chunks.get(last);
        int used = size - last * CHUNK;
        if (used == b.length) {
            b = Arrays.copyOf(b, (int) Math.min(CHUNK, Math.max((long) used + wanted, 2L * b.length)));
            chunks.set(last, b);
        }
        return b;
    }

    /**
     * Gives the chunks back to the pool; only once the object is PUT and nothing will read it
     * again (it has left its inode's unsent objects, under the file-system lock). The buffer is
     * empty afterwards: a read past its size fails rather than see another object's bytes.
     */
    void release() {
        if (pool != null) {
            pool.give(chunks);
        }
        chunks.clear();
        size = 0;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code dst}. */
    void read(long offset, ReadSink dst, int dstOffset, int length) {
        int done = 0;
        while (done < length) {
            long at = offset + done;
            int within = (int) (at % CHUNK);
            int n = Math.min(length - done, CHUNK - within);
            dst.put(dstOffset + done, chunks.get((int) (at / CHUNK)), within, n);
            done += n;
        }
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    byte[] copy(long offset, long length) {
        byte[] out = new byte[(int) length];
        read(offset, ReadSink.of(out), 0, out.length);
        return out;
    }

    int size() {
        return size;
    }

    /** A fresh stream over the object's bytes (for a PUT body; each try opens its own). */
    InputStream open() {
        int end = size;
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                if (at >= end) {
                    return -1;
                }
                return chunks.get(at / CHUNK)[at++ % CHUNK] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                if (at >= end) {
                    return -1;
                }
                int n = Math.min(len, Math.min(end - at, CHUNK - at % CHUNK));
                System.arraycopy(chunks.get(at / CHUNK), at % CHUNK, b, off, n);
                at += n;
                return n;
            }

            @Override
            public int available() {
                return end - at;
            }
        };
    }
}
