package io.proxyfs.iclient.inode;

/**
 * Tells sequential from random reads of one open file and sizes its read-ahead: a read that starts
 * at (or within {@link #SLACK} of) where the previous one ended is sequential, and each one doubles
 * the window, from two lines up to the cap; any other read is random and closes the window. The
 * first read of a handle counts as sequential if it starts near offset 0. The kernel's own
 * read-ahead sends several reads (of at most 128 KiB, libfuse 2's max_read) at once, so they may
 * arrive slightly out of order: hence the slack.
 *
 * <p>The window is read ahead in batches, not a line per read: {@link #ahead} asks for the rest of
 * the window only once less than half of it is left ahead of the reader (or nothing is), so that
 * each batch is at least half a window, a few large GETs rather than one per line.
 *
 * <p>Not thread-safe: called under the file-system lock.
 */
final class ReadPattern {
    /** How far from the previous read's end a read may start and still count as sequential. */
    static final long SLACK = 256 * 1024;
    private final long lineSize;
    private final long maxWindow;
    private long next = 0;
    private long window = 0;
    /** Where the read-ahead asked for so far ends (0: none asked for in this sequential run). */
    private long aheadTo = 0;

    /** A range of the file to read ahead: {@code length} bytes at {@code start}; length 0 for none. */
    record Ahead(long start, long length) {
        static final Ahead NONE = new Ahead(0, 0);
    }

    /**
     * @param lineSize ReadCacheLineSize (half the first window)
     * @param maxWindow the most bytes to read ahead (0: never)
     */
    ReadPattern(long lineSize, long maxWindow) {
        this.lineSize = lineSize;
        this.maxWindow = maxWindow;
    }

    /**
     * Records a read of {@code length} bytes at {@code offset}.
     *
     * @return how many bytes past its end to read ahead: 0 for a random read
     */
    long onRead(long offset, long length) {
        boolean sequential = offset >= next - SLACK && offset <= next + Math.max(SLACK, window);
        long end = offset + length;
        if (sequential) {
            window = Math.min(maxWindow, Math.max(2 * lineSize, window * 2));
            next = Math.max(next, end);
        } else {
            window = 0;
            next = end;
            aheadTo = 0;
        }
        return window;
    }

    /**
     * After {@link #onRead}: what to read ahead now, past the furthest read so far. Nothing for a
     * random reader, nor while more than half the window is still ahead of the reader.
     */
    Ahead ahead() {
        if (window == 0 || (aheadTo > next && aheadTo - next > window / 2)) {
            return Ahead.NONE;
        }
        long start = Math.max(next, aheadTo);
        aheadTo = next + window;
        return start < aheadTo ? new Ahead(start, aheadTo - start) : Ahead.NONE;
    }

    /** The read-ahead window now (0: none). */
    long window() {
        return window;
    }

    /** Whether the last read counted as sequential. */
    boolean sequential() {
        return window > 0;
    }
}
