package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shared node cache evicts clean nodes, which are read again on demand. */
class BPlusTreeCacheTest {
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(8);

    private static byte[] value(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static NodeLocation buildFlushed(MemoryNodeStore store, int items) {
        BPlusTree<Long, byte[]> tree = BPlusTree.create(4, U64KeyCodec.INSTANCE, VALUES, store, null);
        for (long k = 0; k < items; k++) {
            tree.put(k * 3, value(k));
        }
        return tree.flush(true);
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new BPlusTreeCache(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new BPlusTreeCache(-1, 4));
    }

    @Test
    void evictedNodesAreReadAgain() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        NodeLocation root = buildFlushed(store, 300);
        int nodes = store.puts.size();

        store.gets = 0;
        BPlusTree<Long, byte[]> uncached = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, null);
        for (long k = 0; k < 300; k++) {
            assertArrayEquals(value(k), uncached.get(k * 3));
        }
        assertEquals(nodes, store.gets, "without a cache every node is read once");

        BPlusTreeCache cache = new BPlusTreeCache(4, 8);
        store.gets = 0;
        BPlusTree<Long, byte[]> tree = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, cache);
        for (int pass = 0; pass < 2; pass++) {
            for (long k = 0; k < 300; k++) {
                assertArrayEquals(value(k), tree.get(k * 3));
                assertTrue(cache.cleanNodes() + cache.dirtyNodes() <= 8, "cache within its high limit");
            }
        }
        assertTrue(store.gets > 2 * nodes - 10, "evicted nodes were read again: " + store.gets + " reads of " + nodes + " nodes");
        assertEquals(300, tree.size());
        tree.validate();
    }

    @Test
    void dirtyNodesAreKeptUntilFlushed() {
        MemoryNodeStore store = new MemoryNodeStore(2);
        NodeLocation root = buildFlushed(store, 200);
        BPlusTreeCache cache = new BPlusTreeCache(2, 4);
        BPlusTree<Long, byte[]> tree = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, cache);
        TreeMap<Long, byte[]> model = new TreeMap<>();
        for (long k = 0; k < 200; k++) {
            model.put(k * 3, value(k));
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 400; i++) {
            long k = rnd.nextInt(700);
            if (rnd.nextBoolean()) {
                byte[] v = value(rnd.nextLong());
                assertEquals(model.putIfAbsent(k, v) == null, tree.put(k, v));
            } else {
                assertEquals(model.remove(k) != null, tree.delete(k));
            }
        }
        assertTrue(cache.dirtyNodes() > 4, "dirty nodes exceed the limits and stay loaded");
        store.startObject(3);
        NodeLocation newRoot = tree.flush(false);
        tree.prune();
        assertEquals(0, cache.dirtyNodes());
        tree.get(0L);
        assertTrue(cache.cleanNodes() <= 4, "clean nodes evicted after the flush");
        BPlusTree<Long, byte[]> reread = BPlusTree.open(newRoot, U64KeyCodec.INSTANCE, VALUES, store, null);
        List<Long> keys = new ArrayList<>();
        reread.iterator().forEachRemaining(e -> {
            keys.add(e.getKey());
            assertArrayEquals(model.get(e.getKey()), e.getValue());
        });
        assertEquals(new ArrayList<>(model.keySet()), keys);
        assertEquals(BPlusTreeRandomTest.liveBytes(store), reread.layoutReport());
    }

    @Test
    void treesSharingACacheFromSeveralThreads() throws Exception {
        BPlusTreeCache cache = new BPlusTreeCache(16, 32);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    MemoryNodeStore store = new MemoryNodeStore(2);
                    BPlusTree<Long, byte[]> tree = BPlusTree.create(4, U64KeyCodec.INSTANCE, VALUES, store, cache);
                    TreeMap<Long, byte[]> model = new TreeMap<>();
                    Random rnd = new Random(seed);
                    long object = 3;
                    for (int i = 0; i < 3000; i++) {
                        long k = rnd.nextInt(500);
                        int op = rnd.nextInt(10);
                        if (op < 5) {
                            byte[] v = value(rnd.nextLong());
                            assertEquals(model.putIfAbsent(k, v) == null, tree.put(k, v));
                        } else if (op < 8) {
                            assertEquals(model.remove(k) != null, tree.delete(k));
                        } else if (op < 9) {
                            store.startObject(object++);
                            tree.flush(false);
                            tree.prune();
                        }
                        byte[] expected = model.get(k);
                        byte[] actual = tree.get(k);
                        assertTrue(expected == null ? actual == null : java.util.Arrays.equals(expected, actual));
                        assertEquals(model.size(), tree.size());
                    }
                    tree.validate();
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
