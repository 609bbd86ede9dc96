package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operation sequences (fixed seeds) checked against {@link TreeMap} after every step,
 * with flushes, prunes, purges and reopening from the flushed root at random points.
 */
class BPlusTreeRandomTest {
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(8);

    private static byte[] value(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6, 8, 16, 64})
    void matchesTreeMap(int maxKeys) {
        Random rnd = new Random(1000 + maxKeys);
        MemoryNodeStore store = new MemoryNodeStore(2);
        long nextObject = 3;
        BPlusTree<Long, byte[]> tree = BPlusTree.create(maxKeys, U64KeyCodec.INSTANCE, VALUES, store, null);
        TreeMap<Long, byte[]> model = new TreeMap<>(Long::compareUnsigned);
        long keySpace = 40L * maxKeys;
        int reopens = 0;
        for (int step = 0; step < 6000; step++) {
            // Bias towards growth first, then towards shrinking, to exercise splits and merges.
            boolean growing = (step / 1500) % 2 == 0;
            long key = rnd.nextInt((int) keySpace) - (rnd.nextInt(10) == 0 ? keySpace : 0);
            int op = rnd.nextInt(100);
            if (op < (growing ? 55 : 25)) {
                byte[] v = value(rnd.nextLong());
                boolean inserted = tree.put(key, v);
                assertEquals(!model.containsKey(key), inserted);
                model.putIfAbsent(key, v);
            } else if (op < 65) {
                assertEquals(model.remove(key) != null, tree.delete(key));
            } else if (op < 75) {
                if (!model.isEmpty()) {
                    int index = rnd.nextInt(model.size());
                    Long k = new ArrayList<>(model.keySet()).get(index);
                    assertTrue(tree.deleteByIndex(index));
                    model.remove(k);
                }
                assertFalse(tree.deleteByIndex(model.size()));
                assertFalse(tree.deleteByIndex(-1));
            } else if (op < 85) {
                byte[] v = value(rnd.nextLong());
                assertEquals(model.containsKey(key), tree.patch(key, v));
                model.computeIfPresent(key, (k, old) -> v);
            } else if (op < 90) {
                if (!model.isEmpty()) {
                    int index = rnd.nextInt(model.size());
                    byte[] v = value(rnd.nextLong());
                    assertTrue(tree.patchByIndex(index, v));
                    model.put(new ArrayList<>(model.keySet()).get(index), v);
                }
            } else if (op < 97) {
                store.startObject(nextObject++);
                NodeLocation root = tree.flush(rnd.nextBoolean());
                tree.prune();
                assertEquals(liveBytes(store), tree.layoutReport(), "layout = written - discarded");
                if (rnd.nextInt(3) == 0) {
                    tree = BPlusTree.open(root, U64KeyCodec.INSTANCE, VALUES, store, null);
                    reopens++;
                }
            } else {
                tree.purge(false);
            }
            checkPoint(tree, model, key, rnd);
            if (step % 500 == 0) {
                checkAll(tree, model);
            }
        }
        checkAll(tree, model);
        assertTrue(reopens > 10, "reopened from flushed roots");
    }

    /** Bytes written minus bytes discarded, per object; each discard must match one earlier put. */
    static TreeMap<Long, Long> liveBytes(MemoryNodeStore store) {
        Map<NodeLocation, Integer> live = new java.util.HashMap<>();
        for (MemoryNodeStore.Put p : store.puts) {
            live.put(new NodeLocation(p.objectNumber(), p.objectOffset(), p.bytes().length), 1);
        }
        for (NodeLocation d : store.discards) {
            assertEquals(1, live.remove(d), "discarded " + d + " once, after it was written");
        }
        TreeMap<Long, Long> perObject = new TreeMap<>();
        for (NodeLocation at : live.keySet()) {
            perObject.merge(at.objectNumber(), at.objectLength(), Long::sum);
        }
        return perObject;
    }

    private static void checkPoint(BPlusTree<Long, byte[]> tree, TreeMap<Long, byte[]> model, long key, Random rnd) {
        assertEquals(model.size(), tree.size());
        byte[] expected = model.get(key);
        byte[] actual = tree.get(key);
        if (expected == null) {
            assertNull(actual);
            assertEquals(-1, tree.indexOf(key));
        } else {
            assertArrayEquals(expected, actual);
            assertEquals(model.headMap(key).size(), tree.indexOf(key));
        }
        long below = model.headMap(key, true).size();
        assertEquals(below - 1, tree.bisectLeft(key));
        assertEquals(model.headMap(key, false).size(), tree.bisectRight(key));
        Map.Entry<Long, byte[]> floor = model.floorEntry(key);
        Map.Entry<Long, byte[]> treeFloor = tree.floorEntry(key);
        assertEquals(floor == null ? null : floor.getKey(), treeFloor == null ? null : treeFloor.getKey());
        Map.Entry<Long, byte[]> ceiling = model.ceilingEntry(key);
        Map.Entry<Long, byte[]> treeCeiling = tree.ceilingEntry(key);
        assertEquals(ceiling == null ? null : ceiling.getKey(), treeCeiling == null ? null : treeCeiling.getKey());
        if (!model.isEmpty()) {
            int index = rnd.nextInt(model.size());
            Map.Entry<Long, byte[]> e = tree.getByIndex(index);
            Long k = e.getKey();
            assertEquals(index, model.headMap(k).size());
            assertArrayEquals(model.get(k), e.getValue());
        }
        assertNull(tree.getByIndex(model.size()));
        assertNull(tree.getByIndex(-1));
        Iterator<Map.Entry<Long, byte[]>> it = tree.iterator(key);
        Iterator<Map.Entry<Long, byte[]>> mit = model.tailMap(key, true).entrySet().iterator();
        for (int i = 0; i < 5 && mit.hasNext(); i++) {
            assertTrue(it.hasNext());
            assertEquals(mit.next().getKey(), it.next().getKey());
        }
    }

    private static void checkAll(BPlusTree<Long, byte[]> tree, TreeMap<Long, byte[]> model) {
        tree.validate();
        List<Long> keys = new ArrayList<>();
        Iterator<Map.Entry<Long, byte[]>> it = tree.iterator();
        Iterator<Map.Entry<Long, byte[]>> mit = model.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, byte[]> e = it.next();
            Map.Entry<Long, byte[]> m = mit.next();
            assertEquals(m.getKey(), e.getKey());
            assertArrayEquals(m.getValue(), e.getValue());
            keys.add(e.getKey());
        }
        assertFalse(mit.hasNext());
        assertEquals(model.size(), keys.size());
    }
}
