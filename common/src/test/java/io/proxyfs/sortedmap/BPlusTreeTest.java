package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** API behaviour, node-size limits, storage operations and a large tree. */
class BPlusTreeTest {
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(8);

    private static byte[] value(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static BPlusTree<Long, byte[]> newTree(int max, MemoryNodeStore store) {
        return BPlusTree.create(max, U64KeyCodec.INSTANCE, VALUES, store, null);
    }

    @Test
    void maxKeysPerNodeMustBeEvenAndAtLeastFour() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        for (int bad : new int[] {-2, 0, 2, 3, 5, 7}) {
            assertThrows(IllegalArgumentException.class, () -> newTree(bad, store), "max " + bad);
        }
        assertEquals(4, newTree(4, store).maxKeysPerNode());
        assertEquals(6, newTree(6, store).maxKeysPerNode());
    }

    @Test
    void dimensionsGrowWithTheTreeAndSurviveAReopen() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        assertEquals(new BPlusTree.Dimensions(2, 4, 0, 1), tree.dimensions());
        for (long k = 0; k < 4; k++) {
            tree.put(k, value(k));
        }
        assertEquals(new BPlusTree.Dimensions(2, 4, 4, 1), tree.dimensions());
        tree.put(4L, value(4));
        assertEquals(2, tree.dimensions().height(), "the fifth key splits the root leaf");
        for (long k = 5; k < 100; k++) {
            tree.put(k, value(k));
        }
        BPlusTree.Dimensions grown = tree.dimensions();
        assertEquals(100, grown.items());
        assertTrue(grown.height() >= 4, "100 keys in nodes of at most 4 need at least 4 levels: " + grown);
        BPlusTree<Long, byte[]> reopened = BPlusTree.open(tree.flush(false), U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(grown, reopened.dimensions());
    }

    @Test
    void nullsAreRefused() {
        BPlusTree<Long, byte[]> tree = newTree(4, new MemoryNodeStore(2));
        assertThrows(IllegalArgumentException.class, () -> tree.put(null, value(1)));
        assertThrows(IllegalArgumentException.class, () -> tree.put(1L, null));
        assertThrows(IllegalArgumentException.class, () -> tree.patch(1L, null));
    }

    @Test
    void putReportsExistingKeysAndPatchReplaces() {
        BPlusTree<Long, byte[]> tree = newTree(4, new MemoryNodeStore(2));
        assertTrue(tree.put(5L, value(1)));
        assertFalse(tree.put(5L, value(2)));
        assertArrayEquals(value(1), tree.get(5L));
        assertTrue(tree.patch(5L, value(3)));
        assertArrayEquals(value(3), tree.get(5L));
        assertFalse(tree.patch(6L, value(3)));
        assertFalse(tree.delete(6L));
        assertTrue(tree.containsKey(5L));
        assertTrue(tree.delete(5L));
        assertEquals(0, tree.size());
        assertNull(tree.get(5L));
        assertFalse(tree.iterator().hasNext());
    }

    @Test
    void u64KeysCompareUnsigned() {
        BPlusTree<Long, byte[]> tree = newTree(4, new MemoryNodeStore(2));
        for (long k : new long[] {-1L, 0L, 1L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            tree.put(k, value(k));
        }
        List<Long> keys = new ArrayList<>();
        tree.iterator().forEachRemaining(e -> keys.add(e.getKey()));
        assertEquals(List.of(0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L), keys);
    }

    @Test
    void stringKeysOrderAsUtf8Bytes() {
        String halfwidth = "\uFF61";
        String emoji = "\uD83D\uDE00";
        assertTrue(halfwidth.compareTo(emoji) > 0, "Java's UTF-16 order differs from Go's");
        assertTrue(StringKeyCodec.INSTANCE.compare(halfwidth, emoji) < 0);
        assertTrue(StringKeyCodec.INSTANCE.compare("ab", "abc") < 0);
        assertEquals(0, StringKeyCodec.INSTANCE.compare(emoji, emoji));

        ByteWriter w = new ByteWriter(8);
        StringKeyCodec.INSTANCE.pack("é" + emoji, w);
        assertEquals("0600000000000000c3a9f09f9880", HexFormat.of().formatHex(w.toByteArray()));
        assertEquals("é" + emoji, StringKeyCodec.INSTANCE.unpack(new ByteReader(w.toByteArray())));
        assertThrows(BPlusTreeException.class, () -> StringKeyCodec.INSTANCE.pack("\uD83D", new ByteWriter(8)));

        BPlusTree<String, byte[]> tree = BPlusTree.create(4, StringKeyCodec.INSTANCE, VALUES, new MemoryNodeStore(2), null);
        List<String> names = List.of(emoji, halfwidth, "z", "a", "é", "", "\u0080");
        for (String n : names) {
            tree.put(n, value(n.length()));
        }
        List<String> ordered = new ArrayList<>();
        tree.iterator().forEachRemaining(e -> ordered.add(e.getKey()));
        List<String> byBytes = new ArrayList<>(names);
        byBytes.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        assertEquals(byBytes, ordered);
    }

    @Test
    void fixedBytesValueWidthIsEnforced() {
        assertThrows(BPlusTreeException.class, () -> VALUES.pack(new byte[7], new ByteWriter(8)));
        assertThrows(IllegalArgumentException.class, () -> new FixedBytesValueCodec(-1));
    }

    /** Node sizes in bytes for a max-4 tree of u64 keys and 8-byte values. */
    private static final int ROOT_LEAF_HEADER = 26;

    @Test
    void splitsAtMaxPlusOneAndMergesBelowMin() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        for (long k = 1; k <= 4; k++) {
            tree.put(k, value(k));
        }
        tree.flush(false);
        assertEquals(1, store.puts.size(), "four keys fit in the root leaf");
        assertEquals(ROOT_LEAF_HEADER + 4 * 16, store.puts.get(0).bytes().length);

        tree.put(5L, value(5));
        store.startObject(3);
        tree.flush(false);
        tree.prune();
        List<MemoryNodeStore.Put> second = store.puts.subList(1, store.puts.size());
        assertEquals(3, second.size(), "the fifth key splits the root leaf: two leaves and a new root");
        assertEquals(2, new ByteReader(second.get(0).bytes()).u64(), "left leaf keeps max/2 keys");
        assertEquals(3, new ByteReader(second.get(1).bytes()).u64(), "right leaf takes the rest");
        assertEquals(5, new ByteReader(second.get(2).bytes()).u64());
        assertEquals(List.of(new NodeLocation(2, 0, ROOT_LEAF_HEADER + 64)), store.discards);

        // Deleting from the left leaf (2 keys, min 2) borrows from the right one (3 keys).
        assertTrue(tree.delete(1L));
        tree.validate();
        // Now both leaves hold 2 keys: the next delete merges them and the root collapses.
        assertTrue(tree.delete(2L));
        tree.validate();
        store.startObject(4);
        int before = store.puts.size();
        NodeLocation root = tree.flush(false);
        tree.prune();
        assertEquals(1, store.puts.size() - before, "a single root leaf remains");
        assertEquals(ROOT_LEAF_HEADER + 3 * 16, root.objectLength());
        assertEquals(3, tree.size());
        assertEquals(Map.of(4L, root.objectLength()), tree.layoutReport());
    }

    @Test
    void indexNodesSplitAndMerge() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        for (long k = 0; k < 200; k++) {
            tree.put(k, value(k));
            tree.validate();
        }
        for (long k = 0; k < 200; k += 2) {
            assertTrue(tree.delete(k));
            tree.validate();
        }
        for (long k = 199; k > 0; k -= 2) {
            assertTrue(tree.delete(k));
            tree.validate();
        }
        assertEquals(0, tree.size());
        tree.flush(false);
        tree.prune();
        assertEquals(BPlusTreeRandomTest.liveBytes(store), tree.layoutReport());
    }

    @Test
    void lazyLoadingReadsOnlyThePath() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        for (long k = 0; k < 1000; k++) {
            tree.put(k, value(k));
        }
        NodeLocation root = tree.flush(true);
        store.gets = 0;
        BPlusTree<Long, byte[]> reopened = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(1, store.gets, "opening reads the root only");
        assertEquals(1000, reopened.size());
        assertArrayEquals(value(567), reopened.get(567L));
        int pathLength = store.gets;
        assertTrue(pathLength >= 4 && pathLength <= 8, "one node per level: " + pathLength);
        assertArrayEquals(value(567), reopened.get(567L));
        assertEquals(pathLength, store.gets, "loaded nodes stay loaded without a cache");
        assertEquals(Map.entry(999L, value(999)).getKey(), reopened.getByIndex(999).getKey());
        assertEquals(566L, reopened.floorEntry(566L).getKey());
    }

    @Test
    void touchRewritesEverythingAndDiscardReportsEverything() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        for (long k = 0; k < 100; k++) {
            tree.put(k, value(k));
        }
        tree.flush(true);
        int nodes = store.puts.size();
        tree.touch();
        store.startObject(3);
        tree.flush(false);
        tree.prune();
        assertEquals(2 * nodes, store.puts.size(), "touch rewrites every node");
        assertEquals(nodes, store.discards.size(), "and every old copy becomes stale");
        assertEquals(1, tree.layoutReport().size());

        long next = tree.touchItem(0);
        assertTrue(next > 0 && next <= 4, "first leaf holds items 0.." + (next - 1));
        store.startObject(4);
        int before = store.puts.size();
        tree.flush(false);
        tree.prune();
        assertTrue(store.puts.size() - before >= 2, "leaf and its ancestors were rewritten");
        assertEquals(0, tree.touchItem(1000), "past the end: nothing touched, the end is reported");
        assertEquals(tree.rootLocation(), tree.flush(false), "nothing was dirtied");

        tree.discard();
        assertTrue(BPlusTreeRandomTest.liveBytes(store).isEmpty(), "every written node is now discarded");
        assertThrows(IllegalStateException.class, tree::size);
    }

    @Test
    void purgeFullRefusesDirtyTrees() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        tree.put(1L, value(1));
        assertThrows(IllegalStateException.class, () -> tree.purge(true));
        tree.flush(false);
        tree.purge(true);
        store.gets = 0;
        assertArrayEquals(value(1), tree.get(1L));
        assertEquals(1, store.gets, "purged root read again");
    }

    @Test
    void emptyTreeFlushesAnEmptyRootLeaf() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        NodeLocation root = tree.flush(false);
        assertEquals(new NodeLocation(2, 0, 26), root);
        assertEquals("000000000000000001010400000000000000" + "0000000000000000",
                HexFormat.of().formatHex(store.puts.get(0).bytes()));
        assertEquals(root, tree.flush(false), "a clean tree writes nothing");
        assertEquals(1, store.puts.size());
        assertEquals(root, tree.rootLocation());
        assertEquals(-1, tree.bisectLeft(5L));
        assertEquals(0, tree.bisectRight(5L));
        assertNull(tree.floorEntry(5L));
        assertNull(tree.ceilingEntry(5L));
        assertEquals(0, tree.touchItem(3));
    }

    @Test
    void pruneKeepsWhatTheCallbackRefused() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<Long, byte[]> tree = newTree(4, store);
        tree.put(1L, value(1));
        tree.flush(false);
        tree.put(2L, value(2));
        assertEquals(List.of(new NodeLocation(2, 0, 42)), tree.pendingDiscards());
        BPlusTree<Long, byte[]> failing = BPlusTree.open(tree.flush(false), U64KeyCodec.INSTANCE, VALUES,
                new BPlusTreeCallbacks() {
                    @Override
                    public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
                        return store.getNode(objectNumber, objectOffset, objectLength);
                    }

                    @Override
                    public ObjectPosition putNode(byte[] node) {
                        return store.putNode(node);
                    }

                    @Override
                    public void discardNode(long objectNumber, long objectOffset, long objectLength) {
                        throw new IllegalStateException("storage down");
                    }
                }, null);
        failing.put(3L, value(3));
        failing.flush(false);
        assertThrows(IllegalStateException.class, failing::prune);
        assertEquals(1, failing.pendingDiscards().size(), "the refused location stays pending");
    }

    @Test
    void millionEntries() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        store.recordPuts = false;
        int n = 1_000_000;
        BPlusTree<Long, byte[]> tree = newTree(256, store);
        Random rnd = new Random(42);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i * 2L;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        for (long k : keys) {
            assertTrue(tree.put(k, value(k)));
        }
        NodeLocation root = tree.flush(true);
        tree.prune();

        BPlusTree<Long, byte[]> reopened = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(n, reopened.size());
        for (int i = 0; i < 2000; i++) {
            long k = keys[rnd.nextInt(n)];
            assertArrayEquals(value(k), reopened.get(k));
            assertNull(reopened.get(k + 1));
            assertEquals(k / 2, reopened.indexOf(k));
        }
        for (long k = 0; k < 2L * n; k += 4) {
            assertTrue(reopened.delete(k));
        }
        store.startObject(3);
        NodeLocation root2 = reopened.flush(true);
        reopened.prune();
        BPlusTree<Long, byte[]> half = BPlusTree.open(root2, U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(n / 2, half.size());
        for (int i = 0; i < 2000; i++) {
            long k = keys[rnd.nextInt(n)];
            if (k % 4 == 0) {
                assertNull(half.get(k));
            } else {
                assertArrayEquals(value(k), half.get(k));
            }
        }
        assertEquals(2L, half.getByIndex(0).getKey());
        assertEquals(2L * n - 2, half.getByIndex(n / 2 - 1).getKey());
        half.validate();
    }
}
