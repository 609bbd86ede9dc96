package io.proxyfs.iclient.inode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File data read from Swift, in lines of {@code ReadCacheLineSize} bytes keyed by (object, line
 * index), at most {@code ReadCacheLineCountMax} lines, least recently used evicted first (the
 * original's read cache). A sequential reader's missing lines within one read are one ranged GET
 * of those whole lines, and
 * {@link #prefetch} starts the lines it will read next on a bounded pool ({@link #parallelGets}
 * GETs at most), consecutive missing lines of an object in one GET of up to half the most read
 * ahead, streamed: each line is usable as soon as its bytes are in, not when the whole GET
 * is done; a random reader's miss is a GET of just the bytes asked for, not cached, so a
 * 4 KiB read does not fetch a whole line. Any reader of a line being fetched waits for that one
 * GET. Objects never change, so lines never go stale. Memory is bounded by the line cap: a line
 * being fetched holds its place in the cache. The arrays of evicted lines are reused for the
 * lines fetched next ({@link Line}), so a streaming reader allocates nothing: fresh 1 MiB arrays
 * are humongous objects to G1 and cost it more CPU than the reading (measured: 60% of iclient's
 * CPU in a cold read of 1 GiB went to the collector).
 *
 * <p>Thread-safe: the map is guarded by this object; GETs run outside the monitor.
 */
public final class ReadCache {
    private record Key(long object, long line) {
    }

    /**
     * A line's place in the cache, from the moment it is claimed: once {@link #ready}, the first
     * {@code length} bytes of {@code data} (a pooled array of the line size, or an array offered
     * whole). Readers pin it when they look it up, before it is even fetched, and unpin it once
     * they have copied from it; once evicted and unpinned, its pooled array goes back to the pool
     * (and {@code data} is cleared). Fields other than {@code ready} are guarded by the cache's
     * monitor.
     */
    private static final class Line {
        final CompletableFuture<Line> ready = new CompletableFuture<>();
        byte[] data;
        int length;
        /** The array came from the pool and goes back to it: no one else holds it. */
        boolean reusable;
        int pins;
        boolean evicted;
    }

    /** Most spare line arrays kept for reuse. */
    private static final int MAX_SPARE = 8;

    private final ObjectStore objects;
    private final int lineSize;
    private final int maxLines;
    private final int maxAheadLines;
    private final int parallelGets;
    private final int linesPerGet;
    private final LinkedHashMap<Key, Line> lines = new LinkedHashMap<>(16, 0.75f, true);
    /** Arrays of evicted lines no reader holds, for the next fetches; guarded by this. */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong directReads = new AtomicLong();
    private final AtomicLong prefetches = new AtomicLong();
    private final ExecutorService prefetcher;

    /**
     * @param objects where lines are read from
     * @param lineSize ReadCacheLineSize
     * @param maxLines ReadCacheLineCountMax
     */
    public ReadCache(ObjectStore objects, int lineSize, int maxLines) {
        this.objects = objects;
        this.lineSize = lineSize;
        this.maxLines = maxLines;
        // A quarter of the cache may be ahead of a reader, so read-ahead never evicts the lines
        // a reader is about to use; at most 8 GETs of it in flight.
        this.maxAheadLines = Math.max(0, Math.min(32, maxLines / 4));
        this.parallelGets = Math.max(1, Math.min(8, maxAheadLines));
        // A read-ahead GET covers up to half the most read ahead, a whole batch of ReadPattern's
        // (it asks for half a window at a time): few requests, each costing Swift far more than
        // its bytes. Measured on swift-aio (2 cores, workers = auto), 1 MiB lines, 16 ahead: a cold
        // read of 1 GiB went from 216 to 239-244 MB/s with 8 MiB GETs instead of 4 MiB, and two
        // concurrent readers from 194 to 230-240 MiB/s. Reading further ahead instead (half the
        // cache) made two readers evict each other's lines: 95-115 MiB/s.
        this.linesPerGet = Math.max(1, maxAheadLines / 2);
        this.prefetcher = Executors.newFixedThreadPool(parallelGets, DaemonThreads.named("iclient-readahead"));
    }

    /** ReadCacheLineSize. */
    int lineSize() {
        return lineSize;
    }

    /** The most bytes read ahead of a sequential reader (a quarter of the cache, at most 32 lines). */
    long maxAheadBytes() {
        return (long) maxAheadLines * lineSize;
    }

    /** Read-ahead GETs in flight at most. */
    int parallelGets() {
        return parallelGets;
    }

    /** Copies {@code length} bytes at {@code offset} of object {@code number} into {@code dst}, by whole lines. */
    public void read(long number, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        read(number, offset, ReadSink.of(dst), dstOffset, length, true);
    }

    /** As {@link #read(long, long, ReadSink, int, int, boolean)}, into an array. */
    public void read(long number, long offset, byte[] dst, int dstOffset, int length, boolean wholeLines)
            throws IOException {
        read(number, offset, ReadSink.of(dst), dstOffset, length, wholeLines);
    }

    /**
     * Copies {@code length} bytes at {@code offset} of object {@code number} into {@code dst}.
     * With {@code wholeLines} a missing line is fetched whole and cached; without, the bytes of a
     * missing line are fetched alone and not cached (cached or in-flight lines are used either way).
     */
    public void read(long number, long offset, ReadSink dst, int dstOffset, int length, boolean wholeLines)
            throws IOException {
        if (wholeLines) {
            // the missing lines of this read, each run in one GET of this thread's own
            for (Run run : claim(number, offset, length, Integer.MAX_VALUE)) {
                misses.addAndGet(run.keys().size());
                fetchRun(run);
            }
        }
        while (length > 0) {
            long line = offset / lineSize;
            int within = (int) (offset % lineSize);
            int n;
            if (!wholeLines && !present(number, line)) {
                n = Math.min(length, lineSize - within);
                directReads.incrementAndGet();
                byte[] bytes = objects.read(number, offset, n);
                dst.put(dstOffset, bytes, 0, n);
            } else {
                Line l = line(number, line);
                try {
                    n = Math.min(length, l.length - within);
                    if (n <= 0) {
                        throw new IOException("object " + Long.toHexString(number) + " ends before offset " + offset);
                    }
                    dst.put(dstOffset, l.data, within, n);
                } finally {
                    unpin(l);
                }
            }
            offset += n;
            dstOffset += n;
            length -= n;
        }
    }

    private synchronized boolean present(long number, long line) {
        return lines.containsKey(new Key(number, line));
    }

    /**
     * Starts fetching, in the background, the lines holding {@code length} bytes at
     * {@code offset} of object {@code number} that are neither cached nor being fetched.
     */
    public void prefetch(long number, long offset, long length) {
        for (Run run : claim(number, offset, length, linesPerGet)) {
            prefetches.addAndGet(run.keys().size());
            try {
                prefetcher.execute(() -> fetchRun(run));
            } catch (RejectedExecutionException e) {
                fail(run, 0, e);
            }
        }
    }

    /** Consecutive lines of one object claimed for one GET, with the futures their readers wait on. */
    private record Run(List<Key> keys, List<Line> lines) {
    }

    /**
     * Claims the lines holding {@code length} bytes at {@code offset} of object {@code number}
     * that are neither cached nor being fetched, in runs of at most {@code maxLines}.
     */
    private synchronized List<Run> claim(long number, long offset, long length, int maxLines) {
        List<Run> runs = new ArrayList<>();
        if (length <= 0) {
            return runs;
        }
        Run run = null;
        for (long line = offset / lineSize; line <= (offset + length - 1) / lineSize; line++) {
            Key key = new Key(number, line);
            if (lines.containsKey(key)) {
                run = null;
                continue;
            }
            if (run == null || run.keys().size() == maxLines) {
                run = new Run(new ArrayList<>(), new ArrayList<>());
                runs.add(run);
            }
            Line l = new Line();
            insert(key, l);
            run.keys().add(key);
            run.lines().add(l);
        }
        return runs;
    }

    /**
     * One ranged GET for consecutive lines of one object, each line handed to its readers as soon
     * as its last byte has arrived; a line the object ends in is cut short, lines past the end and
     * lines a failure left unread are forgotten (their readers fetch them again).
     */
    private void fetchRun(Run run) {
        List<Key> keys = run.keys();
        Key first = keys.get(0);
        int done = 0;
        try (InputStream in = objects.openRange(first.object(), first.line() * lineSize,
                (long) keys.size() * lineSize)) {
            while (done < keys.size()) {
                byte[] b = takeSpare();
                int got = in.readNBytes(b, 0, lineSize);
                if (got == 0) {
                    returnSpare(b);
                    break;
                }
                Line l = run.lines().get(done);
                if (got == lineSize) {
                    fill(l, b, got, true);
                } else {
                    // a short line (an object's end; most often a whole small object) keeps only
                    // its bytes: a pooled array would hold a full line's memory for a few KiB
                    byte[] exact = java.util.Arrays.copyOf(b, got);
                    returnSpare(b);
                    fill(l, exact, got, false);
                }
                l.ready.complete(l);
                settle(l);
                done++;
                if (got < lineSize) {
                    break;
                }
            }
            if (done < keys.size()) {
                fail(run, done, new IOException("object " + Long.toHexString(first.object())
                        + " ends before line " + keys.get(done).line()));
            }
        } catch (IOException | RuntimeException e) {
            fail(run, done, e);
        } catch (Error e) {
            fail(run, done, e); // (an OutOfMemoryError): its readers must not wait forever
            throw e;
        }
    }

    /** Forgets the lines of a run from {@code from} on and fails their readers. */
    private void fail(Run run, int from, Throwable e) {
        synchronized (this) {
            for (int i = from; i < run.keys().size(); i++) {
                lines.remove(run.keys().get(i), run.lines().get(i));
            }
        }
        for (int i = from; i < run.keys().size(); i++) {
            run.lines().get(i).ready.completeExceptionally(e);
        }
    }

    private synchronized void fill(Line l, byte[] data, int length, boolean reusable) {
        l.data = data;
        l.length = length;
        l.reusable = reusable;
    }

    private synchronized void unpin(Line l) {
        l.pins--;
        settle(l);
    }

    /** With the monitor held: marks a line evicted; its array is reused once no reader holds it. */
    private void evict(Line l) {
        l.evicted = true;
        settle(l);
    }

    /**
     * Gives the pooled array of a line that is evicted and that no reader holds back to the pool,
     * once; called whenever either may have just become true (evicted, unpinned, or its fetch
     * handed it over while it was already evicted).
     */
    private synchronized void settle(Line l) {
        if (l.evicted && l.pins == 0 && l.reusable && l.data != null) {
            returnSpare(l.data);
            l.data = null;
        }
    }

    private synchronized byte[] takeSpare() {
        byte[] b = spare.pollFirst();
        return b != null ? b : new byte[lineSize];
    }

    private synchronized void returnSpare(byte[] b) {
        if (spare.size() < MAX_SPARE) {
            spare.addFirst(b);
        }
    }

    private Line line(long number, long line) throws IOException {
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

    /** The line, fetched if missing, pinned: the caller {@link #unpin}s it. */
    private Line lineOnce(long number, long line) throws IOException {
        Key key = new Key(number, line);
        Line l;
        boolean mine = false;
        synchronized (this) {
            l = lines.get(key);
            if (l == null) {
                l = new Line();
                insert(key, l);
                mine = true;
            }
            l.pins++;
        }
        if (mine) {
            misses.incrementAndGet();
            fetchRun(new Run(List.of(key), List.of(l)));
        } else {
            hits.incrementAndGet();
        }
        try {
            return l.ready.get();
        } catch (InterruptedException e) {
            unpin(l);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        } catch (ExecutionException e) {
            unpin(l);
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

    /** With the monitor held: adds a line, evicting the least recently used beyond the cap. */
    private void insert(Key key, Line l) {
        lines.put(key, l);
        while (lines.size() > maxLines) {
            var eldest = lines.entrySet().iterator();
            Line gone = eldest.next().getValue();
            eldest.remove();
            evict(gone); // one still being fetched is recycled by its fetcher (settle) or last reader
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
                Line l = new Line();
                fill(l, bytes, bytes.length, false);
                l.ready.complete(l);
                insert(key, l);
            }
        }
    }

    /** The bytes if a cached, complete line holds all of them; {@code null} otherwise. Never fetches. */
    byte[] peek(long number, long offset, long length) {
        long line = offset / lineSize;
        int within = (int) (offset % lineSize);
        Line l;
        synchronized (this) {
            l = lines.get(new Key(number, line));
            if (l == null || !l.ready.isDone() || l.ready.isCompletedExceptionally() || within + length > l.length) {
                return null;
            }
            l.pins++;
        }
        try {
            return java.util.Arrays.copyOfRange(l.data, within, (int) (within + length));
        } finally {
            unpin(l);
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
                prefetches.get(), "readCacheDirectReads", directReads.get(), "readCacheLines", (long) size());
    }
}
