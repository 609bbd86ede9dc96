package io.proxyfs.iclient.inode;

/**
 * How much Java heap iclient needs for a config: the read cache at its cap
 * ({@code ReadCacheLineSize} x {@code ReadCacheLineCountMax}), the file data held for writing
 * ({@link WriteBudget#bytes}: unsent data and the objects being PUT), and a fixed allowance
 * for everything else (cached inodes and B+tree pages, FUSE and Swift client buffers). The
 * launcher sizes the JVM's heap with it, so memory is bounded by the config, not by the volume.
 * Immutable; thread-safe.
 */
public final class HeapBudget {
    /** The allowance for everything that is not file data. */
    public static final long BASE_BYTES = 96L << 20;
    /** Never less than this, whatever the config. */
    public static final long MIN_BYTES = 128L << 20;

    private HeapBudget() {
    }

    /**
     * @param readCacheLineSize ReadCacheLineSize
     * @param readCacheLineCountMax ReadCacheLineCountMax
     * @param fileFlushTriggerSize FileFlushTriggerSize
     * @return the heap size in bytes
     */
    public static long bytes(int readCacheLineSize, int readCacheLineCountMax, long fileFlushTriggerSize) {
        long readCache = (long) readCacheLineSize * readCacheLineCountMax;
        long writeBuffers = WriteBudget.bytes(fileFlushTriggerSize);
        return Math.max(MIN_BYTES, readCache + writeBuffers + BASE_BYTES);
    }
}
