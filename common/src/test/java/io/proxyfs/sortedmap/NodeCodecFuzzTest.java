package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of B+tree node decoding: a real multi-level tree is written, one of its
 * nodes is damaged (bytes flipped, or a count or length field set to something absurd), and the
 * tree is opened and read in full. Reading must either give entries or stop with a
 * {@link CorruptNodeException} naming the node; never another exception, a hang or an allocation
 * sized by the damaged field. 100,000 cases.
 */
class NodeCodecFuzzTest {
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(3);

    /** A damage: which node of the seed tree, and how. */
    record Damage(int nodeIndex, long randomSeed, int kind) {
    }

    @Property(tries = 100_000)
    void aDamagedNodeIsReadOrRefusedNamingIt(@ForAll("damages") Damage damage) {
        MemoryNodeStore store = new MemoryNodeStore(7);
        store.recordPuts = true;
        BPlusTree<Long, byte[]> tree = BPlusTree.create(4, U64KeyCodec.INSTANCE, VALUES, store, null);
        for (long k = 0; k < 40; k++) {
            tree.put(k * 3, new byte[] {(byte) k, 1, 2});
        }
        NodeLocation root = tree.flush(true);
        List<MemoryNodeStore.Put> puts = new ArrayList<>(store.puts);
        MemoryNodeStore.Put victim = puts.get(damage.nodeIndex() % puts.size());
        byte[] damaged = damage(victim.bytes(), damage);

        MemoryNodeStore copy = new MemoryNodeStore(7);
        long nextOffset = 0;
        for (MemoryNodeStore.Put p : puts) {
            byte[] bytes = p == victim ? damaged : p.bytes();
            copy.putObject(p.objectNumber(), nextOffset, bytes);
            nextOffset += bytes.length;
        }
        // The tree's own layout changed only if the damaged node changed length: then the root
        // location (or the parent's reference) no longer fits, which must be refused too.
        NodeLocation rootAt = victim.objectOffset() == root.objectOffset()
                ? new NodeLocation(root.objectNumber(), root.objectOffset(), damaged.length) : root;
        try {
            BPlusTree<Long, byte[]> reopened = BPlusTree.open(rootAt, U64KeyCodec.INSTANCE, VALUES, copy, null);
            long count = 0;
            for (Iterator<Map.Entry<Long, byte[]>> it = reopened.iterator(); it.hasNext(); it.next()) {
                count++;
                assertTrue(count <= 1_000_000, "iteration does not end");
            }
            for (long i = 0; i < Math.min(reopened.size(), 64); i++) {
                reopened.getByIndex(i);
            }
        } catch (CorruptNodeException refused) {
            assertTrue(refused.getMessage() != null && refused.getMessage().contains("object 7"), refused.getMessage());
        } catch (IllegalStateException missing) {
            // The damaged node now points at a node that is not there: what storage says for a
            // missing object (here the test store's refusal), not a decoding failure.
            assertTrue(missing.getMessage().startsWith("no node at offset")
                    || missing.getMessage().contains("has"), missing.getMessage());
        }
    }

    @Provide
    Arbitrary<Damage> damages() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.longs(),
                Arbitraries.integers().between(0, 3)).as(Damage::new);
    }

    private static byte[] damage(byte[] node, Damage d) {
        Random r = new Random(d.randomSeed());
        byte[] out = node.clone();
        switch (d.kind()) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> {
                long[] absurd = {-1L, 1L << 62, 0xFFFFFFFFL, 1L << 24, 0, 5};
                int at = r.nextInt(Math.max(1, out.length - 7));
                long v = absurd[r.nextInt(absurd.length)];
                for (int i = 0; i < 8 && at + i < out.length; i++) {
                    out[at + i] = (byte) (v >>> (8 * i));
                }
            }
            case 2 -> out = java.util.Arrays.copyOf(out, r.nextInt(out.length + 1));
            default -> {
                byte[] longer = java.util.Arrays.copyOf(out, out.length + 1 + r.nextInt(40));
                for (int i = out.length; i < longer.length; i++) {
                    longer[i] = (byte) r.nextInt(256);
                }
                out = longer;
            }
        }
        return out;
    }
}
