package io.proxyfs.iclient.inode;

/**
 * How much Java heap iclient needs for a config: the read cache at its cap
 * ({@code ReadCacheLineSize} x {@code ReadCacheLineCountMax}), the file data held for writing
 * ({@link WriteBudget#bytes}: unsent data and the objects being PUT), the inodes cached under the
 * leases the caps allow ({@code MaxSharedLeases} + {@code MaxExclusiveLeases}: an inode is
 * cached only while its lease is held), and a fixed allowance for everything else (B+tree pages,
 * FUSE and Swift client buffers). The
 * launcher sizes the JVM's heap with it, so memory is bounded by the config, not by the volume.
 * Immutable; thread-safe.
 */
public final class HeapBudget {
    /** The allowance for everything that is not file data. */
    public static final long BASE_BYTES = 96L << 20;
    /**
     * Per lease the caps allow: one cached inode of a small file or directory with its lease entry,
     * trees and layout (measured: 10,012 cached inodes of 4 KiB files took 1.8 KiB each of live
     * heap after a full GC). Pages of big trees are the page cache's, not counted here.
     */
    public static final long INODE_BYTES = 2048;
    /** A lease cap above this (or beyond a long: a uint64) is counted as this, so sums cannot overflow. */
    static final long MAX_LEASES = 1L << 40;
    /** Never less than this, whatever the config. */
    public static final long MIN_BYTES = 128L << 20;

    /** G1's smallest and (JDK 17) largest region sizes. */
    static final long MIN_REGION = 1L << 20;
    static final long MAX_REGION = 32L << 20;

    private HeapBudget() {
    }

    /**
     * The G1 region size for a read-cache line size: the smallest power of two holding two lines
     * (with their array headers), so that a line is not a humongous object. A humongous object
     * takes whole regions of its own: a 1 MiB line in 1 MiB regions took two, twice the memory
     * the budget counts for it.
     *
     * @param readCacheLineSize ReadCacheLineSize
     * @return bytes, a power of two from 1 MiB to 32 MiB
     */
    public static long g1RegionBytes(int readCacheLineSize) {
        long region = MIN_REGION;
        while (region < 2 * ((long) readCacheLineSize + 64) && region < MAX_REGION) {
            region <<= 1;
        }
        return region;
    }

    /**
     * @param readCacheLineSize ReadCacheLineSize
     * @param readCacheLineCountMax ReadCacheLineCountMax
     * @param fileFlushTriggerSize FileFlushTriggerSize
     * @param maxSharedLeases MaxSharedLeases (a uint64: negative means beyond a long)
     * @param maxExclusiveLeases MaxExclusiveLeases (likewise)
     * @return the heap size in bytes (a huge cap asks for a heap the JVM refuses, clearly)
     */
    public static long bytes(int readCacheLineSize, int readCacheLineCountMax, long fileFlushTriggerSize,
            long maxSharedLeases, long maxExclusiveLeases) {
        long readCache = (long) readCacheLineSize * readCacheLineCountMax;
        long writeBuffers = WriteBudget.bytes(fileFlushTriggerSize);
        long inodes = (saturated(maxSharedLeases) + saturated(maxExclusiveLeases)) * INODE_BYTES;
        return Math.max(MIN_BYTES, readCache + writeBuffers + inodes + BASE_BYTES);
    }

    private static long saturated(long leaseCap) {
        return leaseCap < 0 || leaseCap > MAX_LEASES ? MAX_LEASES : leaseCap;
    }
}
