package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Corrupt node bytes are refused with a {@link CorruptNodeException} naming the node and the problem. */
class BPlusTreeCorruptNodeTest {
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(2);
    private static final NodeLocation ROOT_AT = new NodeLocation(7, 0, 0);

    /** Bytes of a root leaf (max 4) holding the given keys with 2-byte values. */
    private static byte[] rootLeaf(long items, long count, long... keys) {
        ByteWriter w = new ByteWriter(64);
        w.u64(items);
        w.u8(1);
        w.u8(1);
        w.u64(4);
        w.u64(count);
        for (long k : keys) {
            w.u64(k);
            w.u8(0xAA);
            w.u8(0xBB);
        }
        return w.toByteArray();
    }

    private static byte[] build(Consumer<ByteWriter> body) {
        ByteWriter w = new ByteWriter(64);
        body.accept(w);
        return w.toByteArray();
    }

    private static CorruptNodeException openRoot(byte[] bytes, String expectedProblem) {
        MemoryNodeStore store = new MemoryNodeStore(7);
        store.putObject(7, 0, bytes);
        NodeLocation at = new NodeLocation(7, 0, bytes.length);
        CorruptNodeException e = assertThrows(CorruptNodeException.class,
                () -> BPlusTree.open(at, U64KeyCodec.INSTANCE, VALUES, store, null));
        assertEquals(at, e.location());
        assertTrue(e.getMessage().contains("object 7, offset 0, length " + bytes.length), e.getMessage());
        assertTrue(e.getMessage().contains(expectedProblem), e.getMessage());
        return e;
    }

    @Test
    void validRootLeafOpens() {
        byte[] bytes = rootLeaf(2, 2, 1, 2);
        MemoryNodeStore store = new MemoryNodeStore(7);
        store.putObject(7, 0, bytes);
        BPlusTree<Long, byte[]> tree = BPlusTree.open(new NodeLocation(7, 0, bytes.length),
                U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(2, tree.size());
    }

    @Test
    void truncatedNode() {
        byte[] good = rootLeaf(2, 2, 1, 2);
        openRoot(java.util.Arrays.copyOf(good, good.length - 1), "need 2 bytes");
        openRoot(java.util.Arrays.copyOf(good, 5), "need 8 bytes");
    }

    @Test
    void trailingBytes() {
        byte[] good = rootLeaf(2, 2, 1, 2);
        openRoot(java.util.Arrays.copyOf(good, good.length + 3), "3 unexpected bytes");
    }

    @Test
    void absurdCountsAreRefusedBeforeAllocating() {
        openRoot(rootLeaf(1L << 62, 1L << 62), "exceeds maxKeysPerNode");
        openRoot(rootLeaf(-1, -1), "absurd");
        openRoot(build(w -> {
            w.u64(1L << 24);
            w.u8(1);
            w.u8(1);
            w.u64(1L << 24);
            w.u64(1L << 24);
        }), "need 8 bytes at offset 26");
        openRoot(build(w -> {
            w.u64(0);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(Long.MAX_VALUE);
        }), "child count");
        openRoot(build(w -> {
            w.u64(0);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(0);
        }), "child count 0");
    }

    @Test
    void badMaxKeysPerNode() {
        for (long max : new long[] {0, 3, 1L << 40, -2}) {
            openRoot(build(w -> {
                w.u64(0);
                w.u8(1);
                w.u8(1);
                w.u64(max);
                w.u64(0);
            }), "maxKeysPerNode");
        }
    }

    @Test
    void inconsistentCountsAndOrder() {
        openRoot(rootLeaf(3, 2, 1, 2), "holds 2 items but Items is 3");
        openRoot(rootLeaf(2, 2, 2, 2), "not greater");
        openRoot(rootLeaf(2, 2, 5, 1), "not greater");
    }

    @Test
    void rootFlagMustMatch() {
        openRoot(build(w -> {
            w.u64(0);
            w.u8(0);
            w.u8(1);
            w.u64(0);
        }), "root node does not have its Root flag set");
    }

    @Test
    void badChildReferences() {
        openRoot(build(w -> {
            w.u64(3);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(1);
            w.u64(9);
            w.u64(0);
            w.u64(0);
            w.u64(3);
        }), "has length 0");
        openRoot(build(w -> {
            w.u64(3);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(1);
            w.u64(9);
            w.u64(0);
            w.u64(10);
            w.u64(2);
        }), "children hold 2 items but Items is 3");
    }

    @Test
    void childProblemsAreFoundWhenTheChildIsRead() {
        MemoryNodeStore store = new MemoryNodeStore(7);
        byte[] child = build(w -> {
            w.u64(2);
            w.u8(1);
            w.u8(1);
            w.u64(4);
            w.u64(2);
            for (long k = 1; k <= 2; k++) {
                w.u64(k);
                w.u8(0);
                w.u8(0);
            }
        });
        store.putObject(9, 0, child);
        byte[] root = build(w -> {
            w.u64(2);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(1);
            w.u64(9);
            w.u64(0);
            w.u64(child.length);
            w.u64(2);
        });
        store.putObject(7, 0, root);
        BPlusTree<Long, byte[]> tree = BPlusTree.open(new NodeLocation(7, 0, root.length),
                U64KeyCodec.INSTANCE, VALUES, store, null);
        assertEquals(2, tree.size());
        CorruptNodeException e = assertThrows(CorruptNodeException.class, () -> tree.get(1L));
        assertEquals(new NodeLocation(9, 0, child.length), e.location());
        assertTrue(e.getMessage().contains("non-root node has its Root flag set"), e.getMessage());
    }

    @Test
    void childItemsMustMatchTheReference() {
        MemoryNodeStore store = new MemoryNodeStore(7);
        byte[] child = build(w -> {
            w.u64(1);
            w.u8(0);
            w.u8(1);
            w.u64(1);
            w.u64(5);
            w.u8(0);
            w.u8(0);
        });
        store.putObject(9, 0, child);
        byte[] root = build(w -> {
            w.u64(2);
            w.u8(1);
            w.u8(0);
            w.u64(4);
            w.u64(1);
            w.u64(9);
            w.u64(0);
            w.u64(child.length);
            w.u64(2);
        });
        store.putObject(7, 0, root);
        BPlusTree<Long, byte[]> tree = BPlusTree.open(new NodeLocation(7, 0, root.length),
                U64KeyCodec.INSTANCE, VALUES, store, null);
        CorruptNodeException e = assertThrows(CorruptNodeException.class, () -> tree.getByIndex(0));
        assertTrue(e.getMessage().contains("parent's reference says 2"), e.getMessage());
    }

    @Test
    void storageReturningTheWrongLength() {
        byte[] good = rootLeaf(2, 2, 1, 2);
        BPlusTreeCallbacks shortReads = new BPlusTreeCallbacks() {
            @Override
            public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
                return good;
            }

            @Override
            public ObjectPosition putNode(byte[] node) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void discardNode(long objectNumber, long objectOffset, long objectLength) {
                throw new UnsupportedOperationException();
            }
        };
        NodeLocation at = new NodeLocation(7, 0, good.length + 1);
        CorruptNodeException e = assertThrows(CorruptNodeException.class,
                () -> BPlusTree.open(at, U64KeyCodec.INSTANCE, VALUES, shortReads, null));
        assertTrue(e.getMessage().contains("storage returned " + good.length + " bytes"), e.getMessage());
        assertThrows(CorruptNodeException.class,
                () -> BPlusTree.open(ROOT_AT, U64KeyCodec.INSTANCE, VALUES, shortReads, null));
    }

    @Test
    void invalidUtf8Key() {
        byte[] bytes = build(w -> {
            w.u64(1);
            w.u8(1);
            w.u8(1);
            w.u64(4);
            w.u64(1);
            w.u64(2);
            w.u8(0xC3);
            w.u8(0x28);
            w.u8(0);
            w.u8(0);
        });
        MemoryNodeStore store = new MemoryNodeStore(7);
        store.putObject(7, 0, bytes);
        CorruptNodeException e = assertThrows(CorruptNodeException.class,
                () -> BPlusTree.open(new NodeLocation(7, 0, bytes.length), StringKeyCodec.INSTANCE, VALUES, store, null));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
}
