package io.proxyfs.iclient.inode;

/**
 * Tells sequential from random reads of one open file and sizes its read-ahead: a read that starts
 * at (or within {@link #SLACK} of) where the previous one ended is sequential, and each one doubles
 * the window, from two lines up to the cap; any other read is random and closes the window. The
 * first read of a handle counts as sequential if it starts near offset 0. The kernel's own
 * read-ahead sends several reads (of at most 128 KiB, libfuse 2's max_read) at once, so they may
 * arrive slightly out of order: hence the slack.
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
        }
        return window;
    }

    /** Whether the last read counted as sequential. */
    boolean sequential() {
        return window > 0;
    }
}
