package io.proxyfs.iclient.inode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File data read from Swift, in lines of {@code ReadCacheLineSize} bytes keyed by (object, line
 * index), at most {@code ReadCacheLineCountMax} lines, least recently used evicted first (the
 * original's read cache). A miss is one ranged GET of the whole line; concurrent readers of a line
 * being fetched wait for that one GET. Objects never change, so lines never go stale.
 *
 * <p>Thread-safe: the map is guarded by this object; GETs run outside the monitor.
 */
public final class ReadCache {
    private record Key(long object, long line) {
    }

    private final ObjectStore objects;
    private final int lineSize;
    private final int maxLines;
    private final LinkedHashMap<Key, CompletableFuture<byte[]>> lines = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong prefetches = new AtomicLong();
    private final java.util.concurrent.ExecutorService prefetcher;
    private final int readAhead;

    /**
     * @param objects where lines are read from
     * @param lineSize ReadCacheLineSize
     * @param maxLines ReadCacheLineCountMax
     * @param readAhead lines ahead of each line read, fetched in the background (sequential reads)
     */
    public ReadCache(ObjectStore objects, int lineSize, int maxLines, int readAhead) {
        this.objects = objects;
        this.lineSize = lineSize;
        this.maxLines = maxLines;
        this.readAhead = Math.max(0, Math.min(readAhead, maxLines / 2));
        this.prefetcher = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, this.readAhead), r -> {
            Thread t = new Thread(r, "iclient-readahead");
            t.setDaemon(true);
            return t;
        });
    }

    /** Copies {@code length} bytes at {@code offset} of object {@code number} into {@code dst}. */
    public void read(long number, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        while (length > 0) {
            long line = offset / lineSize;
            int within = (int) (offset % lineSize);
            byte[] bytes = line(number, line);
            int n = Math.min(length, bytes.length - within);
            if (n <= 0) {
                throw new IOException("object " + Long.toHexString(number) + " ends before offset " + offset);
            }
            System.arraycopy(bytes, within, dst, dstOffset, n);
            offset += n;
            dstOffset += n;
            length -= n;
        }
    }

    private byte[] line(long number, long line) throws IOException {
        try {
            return lineOnce(number, line);
        } catch (PrefetchFailed e) {
            return lineOnce(number, line); // the read-ahead failed; fetch it ourselves
        }
    }

    /** A line someone else was fetching (a read-ahead) could not be had. */
    private static final class PrefetchFailed extends IOException {
        private static final long serialVersionUID = 1L;

        PrefetchFailed(Throwable cause) {
            super(cause);
        }
    }

    private byte[] lineOnce(long number, long line) throws IOException {
        Key key = new Key(number, line);
        CompletableFuture<byte[]> f;
        boolean mine = false;
        synchronized (this) {
            f = lines.get(key);
            if (f == null) {
                f = new CompletableFuture<>();
                lines.put(key, f);
                mine = true;
                while (lines.size() > maxLines) {
                    var eldest = lines.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            }
        }
        if (mine) {
            misses.incrementAndGet();
            try {
                f.complete(objects.readUpTo(number, line * lineSize, lineSize));
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    lines.remove(key, f);
                }
                f.completeExceptionally(e);
                throw e;
            }
        } else {
            hits.incrementAndGet();
        }
        try {
            byte[] bytes = f.get();
            if (bytes.length == lineSize) { // a short line is the object's last: nothing to read ahead
                for (int i = 1; i <= readAhead; i++) {
                    prefetch(number, line + i);
                }
            }
            return bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (!mine) {
                throw new PrefetchFailed(c);
            }
            if (c instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new UncheckedIOException(new IOException(c));
        }
    }

    /**
     * Caches a whole object read for another reason (an inode head read with its object's tail)
     * as its line 0, if it fits in a line.
     */
    void offerWhole(long number, byte[] bytes) {
        if (bytes.length > lineSize) {
            return;
        }
        Key key = new Key(number, 0);
        synchronized (this) {
            if (!lines.containsKey(key)) {
                lines.put(key, CompletableFuture.completedFuture(bytes));
            }
        }
    }

    /** The bytes if a cached, complete line holds all of them; {@code null} otherwise. Never fetches. */
    byte[] peek(long number, long offset, long length) {
        long line = offset / lineSize;
        int within = (int) (offset % lineSize);
        CompletableFuture<byte[]> f;
        synchronized (this) {
            f = lines.get(new Key(number, line));
        }
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
            return null;
        }
        byte[] b = f.join();
        if (within + length > b.length) {
            return null;
        }
        return java.util.Arrays.copyOfRange(b, within, (int) (within + length));
    }

    /** Starts fetching a line in the background unless it is cached or being fetched. */
    private void prefetch(long number, long line) {
        Key key = new Key(number, line);
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        synchronized (this) {
            if (lines.containsKey(key)) {
                return;
            }
            lines.put(key, f);
        }
        prefetches.incrementAndGet();
        try {
            prefetcher.execute(() -> {
                try {
                    byte[] b = objects.readUpTo(number, line * lineSize, lineSize);
                    f.complete(b);
                } catch (IOException | RuntimeException e) {
                    // past the object's end (416), or a failure: a real read will try again
                    synchronized (this) {
                        lines.remove(key, f);
                    }
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (this) {
                lines.remove(key, f);
            }
            f.completeExceptionally(e);
        }
    }

    /** Stops the read-ahead threads. */
    public void close() {
        prefetcher.shutdownNow();
    }

    /** Lines cached now. */
    public synchronized int size() {
        return lines.size();
    }

    /** Counters for /stats. */
    public Map<String, Long> stats() {
        return Map.of("readCacheHits", hits.get(), "readCacheMisses", misses.get(), "readCachePrefetches",
                prefetches.get(), "readCacheLines", (long) size());
    }
}
