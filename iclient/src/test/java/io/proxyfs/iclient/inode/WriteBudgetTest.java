package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory held for writing, for small, default and large {@code FileFlushTriggerSize}s, and the heap options. */
class WriteBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void objectsInFlightAreBoundedInBytesNotInCount() {
        assertEquals(4, WriteBudget.sentAhead(256 * 1024), "small objects: four at once, no more");
        assertEquals(4, WriteBudget.sentAhead(10 * MIB));
        assertEquals(2, WriteBudget.sentAhead(32 * MIB));
        assertEquals(1, WriteBudget.sentAhead(256 * MIB), "always at least one");
    }

    @Test
    void unsentDataIsCappedButLetsOneFileReachItsTrigger() {
        assertEquals(64 * MIB, WriteBudget.unsentCap(32 * MIB));
        assertEquals(512 * MIB, WriteBudget.unsentCap(256 * MIB));
    }

    @Test
    void theHeapBudgetCoversTheWriteBudgetAndTheCachedInodesOfTheLeaseCaps() {
        assertEquals(64 * MIB + 3 * 32 * MIB, WriteBudget.bytes(32 * MIB));
        long heap = HeapBudget.bytes(1 << 20, 64, 32 * MIB, 20000, 1000);
        assertEquals(64 * MIB + 160 * MIB + 21000 * 2048L + 96 * MIB, heap,
                "dev.conf: 64 lines of 1 MiB, 32 MiB objects, 20,000 + 1,000 leases");
        assertTrue(heap < 362 * MIB, "dev.conf's heap: " + (heap >> 20) + " MiB");
        assertTrue(HeapBudget.bytes(1 << 20, 64, 10 * MIB, 20000, 1000) < heap);
        assertTrue(HeapBudget.bytes(1 << 20, 64, 32 * MIB, 500, 100) < heap);
        assertTrue(HeapBudget.bytes(1 << 20, 64, 32 * MIB, -1, 0) > (1L << 50), "a uint64 cap beyond long saturates");
        assertTrue(HeapBudget.bytes(1 << 20, 64, 32 * MIB, -1, 2) > (1L << 50), "and its sum with the other cap does not wrap");
    }

    @Test
    void g1RegionsHoldTwoLinesSoALineIsNeverHumongous() {
        assertEquals(4 * MIB, HeapBudget.g1RegionBytes(1 << 20), "dev.conf's 1 MiB lines");
        assertEquals(1 * MIB, HeapBudget.g1RegionBytes(64 * 1024));
        assertEquals(2 * MIB, HeapBudget.g1RegionBytes(512 * 1024), "512 KiB + header needs more than 1 MiB");
        assertEquals(32 * MIB, HeapBudget.g1RegionBytes(64 << 20), "capped at G1's largest region");
    }
}
