package io.proxyfs.iclient.inode;

/**
 * How much file data iclient holds in memory for a given {@code FileFlushTriggerSize} (the size of
 * the objects a sequential writer fills): at most {@link #unsentCap} bytes written and not yet
 * being PUT, summed over all inodes (beyond it, everything is written back), plus the objects
 * whose PUT is running ({@link #sentAhead} of them, and the one being filled). The PUTs in flight
 * are bounded in bytes, not in count, so that bigger objects (fewer requests, which is what Swift
 * spends its time on) do not multiply the memory. Stateless; thread-safe.
 */
public final class WriteBudget {
    /** The unsent data all inodes together may hold (or twice the trigger, if more). */
    static final long UNSENT_BYTES = 64L << 20;
    /** The bytes of full objects whose PUT may run at once (at least one object, at most four). */
    static final long IN_FLIGHT_BYTES = 64L << 20;
    static final int MAX_SENT_AHEAD = 4;

    private WriteBudget() {
    }

    /** Unsent bytes, over all inodes, beyond which everything is written back. */
    public static long unsentCap(long flushTriggerSize) {
        return Math.max(UNSENT_BYTES, 2 * flushTriggerSize);
    }

    /** Full objects whose PUT may run while their writer goes on; a writer beyond waits. */
    public static int sentAhead(long flushTriggerSize) {
        return (int) Math.max(1, Math.min(MAX_SENT_AHEAD, IN_FLIGHT_BYTES / Math.max(1, flushTriggerSize)));
    }

    /** Spare chunks worth keeping: the objects in flight, the one filling, one more. */
    static int pooledChunks(long flushTriggerSize) {
        return (int) Math.min(4096, (sentAhead(flushTriggerSize) + 2) * flushTriggerSize / PutBuffer.CHUNK);
    }

    /** All the file data held at most: unsent data, objects in flight and the one being filled. */
    public static long bytes(long flushTriggerSize) {
        return unsentCap(flushTriggerSize) + (sentAhead(flushTriggerSize) + 1L) * flushTriggerSize;
    }
}
