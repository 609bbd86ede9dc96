package io.proxyfs.sortedmap;

import java.util.ArrayList;

/**
 * The on-disk node format of NVIDIA/sortedmap, little-endian:
 * {@code Items u64 | Root u8 | Leaf u8 | payload}. A root's payload starts with
 * {@code maxKeysPerNode u64}. A leaf's payload continues with {@code count u64} and count
 * {@code (key, value)} pairs; an index node's with {@code numChildren u64}, the first child's
 * reference, then {@code numChildren - 1} {@code (key, reference)} pairs, where a reference is
 * {@code ObjectNumber, ObjectOffset, ObjectLength, Items} (4 x u64). The payload has no length
 * of its own: it runs to the end of the node.
 *
 * <p>Decoding checks what the original leaves unchecked, so corrupt input is refused with a
 * {@link CorruptNodeException} before anything is allocated from its counts: counts bounded by
 * the tree's node size, keys strictly increasing, item counts consistent, no trailing bytes.
 * Thread-safety: stateless.
 */
final class NodeCodec {
    private static final int REFERENCE_SIZE = 32;

    /** The largest maxKeysPerNode accepted from disk (keeps every count an {@code int}). */
    static final long MAX_KEYS_LIMIT = 1L << 24;

    private NodeCodec() {
    }

    static <K, V> byte[] encode(Node<K, V> node, int maxKeysPerNode, KeyCodec<K> keyCodec,
            ValueCodec<V> valueCodec) {
        int n = node.keys.size();
        ByteWriter out = new ByteWriter(26 + n * (node.leaf ? 32 : 48) + REFERENCE_SIZE);
        out.u64(node.items);
        out.u8(node.root ? 1 : 0);
        out.u8(node.leaf ? 1 : 0);
        if (node.root) {
            out.u64(maxKeysPerNode);
        }
        if (node.leaf) {
            out.u64(n);
            for (int i = 0; i < n; i++) {
                keyCodec.pack(node.keys.get(i), out);
                valueCodec.pack(node.values.get(i), out);
            }
        } else {
            out.u64(node.children.size());
            for (int i = 0; i < node.children.size(); i++) {
                if (i > 0) {
                    keyCodec.pack(node.keys.get(i - 1), out);
                }
                Node<K, V> child = node.children.get(i);
                if (child.dirty || !child.onDisk()) {
                    throw new IllegalStateException("index node encoded before its child was written");
                }
                out.u64(child.objectNumber);
                out.u64(child.objectOffset);
                out.u64(child.objectLength);
                out.u64(child.items);
            }
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code bytes}, read from {@code node}'s location, into {@code node}, which must be
     * the root exactly when {@code node.root} says so. Returns the root's maxKeysPerNode, or
     * {@code maxKeysPerNode} unchanged for other nodes.
     */
    static <K, V> int decode(byte[] bytes, Node<K, V> node, int maxKeysPerNode, KeyCodec<K> keyCodec,
            ValueCodec<V> valueCodec) {
        NodeLocation at = node.location();
        if (bytes == null || bytes.length != node.objectLength) {
            throw new CorruptNodeException(at, "storage returned "
                    + (bytes == null ? "nothing" : bytes.length + " bytes") + " for a node of "
                    + Long.toUnsignedString(node.objectLength) + " bytes");
        }
        try {
            return decodeChecked(new ByteReader(bytes), node, at, maxKeysPerNode, keyCodec, valueCodec);
        } catch (CorruptNodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptNodeException(at, e.getMessage(), e);
        }
    }

    private static <K, V> int decodeChecked(ByteReader in, Node<K, V> node, NodeLocation at,
            int maxKeysPerNode, KeyCodec<K> keyCodec, ValueCodec<V> valueCodec) {
        long items = in.u64();
        boolean root = in.u8() != 0;
        boolean leaf = in.u8() != 0;
        if (root != node.root) {
            throw new CorruptNodeException(at, root ? "a non-root node has its Root flag set"
                    : "the root node does not have its Root flag set");
        }
        int max = maxKeysPerNode;
        if (root) {
            long stored = in.u64();
            if (stored < 2 || stored > MAX_KEYS_LIMIT || (stored & 1) != 0) {
                throw new CorruptNodeException(at, "maxKeysPerNode " + Long.toUnsignedString(stored)
                        + " is not an even number between 2 and " + MAX_KEYS_LIMIT);
            }
            max = (int) stored;
        }
        if (items < 0) {
            throw new CorruptNodeException(at, "Items " + Long.toUnsignedString(items) + " is absurd");
        }
        if (!node.root && items != node.items) {
            throw new CorruptNodeException(at, "Items is " + items + " but the parent's reference says "
                    + node.items);
        }
        ArrayList<K> keys;
        ArrayList<V> values = null;
        ArrayList<Node<K, V>> children = null;
        if (leaf) {
            long count = in.u64();
            if (count < 0 || count > max) {
                throw new CorruptNodeException(at, "leaf count " + Long.toUnsignedString(count)
                        + " exceeds maxKeysPerNode " + max);
            }
            if (count != items) {
                throw new CorruptNodeException(at, "leaf holds " + count + " items but Items is " + items);
            }
            int capacity = (int) Math.min(count, in.remaining());
            keys = new ArrayList<>(capacity);
            values = new ArrayList<>(capacity);
            for (long i = 0; i < count; i++) {
                K key = keyCodec.unpack(in);
                checkOrder(at, keys, key, keyCodec);
                keys.add(key);
                values.add(valueCodec.unpack(in));
            }
        } else {
            long count = in.u64();
            if (count < 1 || count > max + 1L) {
                throw new CorruptNodeException(at, "index node child count " + Long.toUnsignedString(count)
                        + " is not between 1 and maxKeysPerNode + 1 (" + (max + 1) + ")");
            }
            int capacity = (int) Math.min(count, in.remaining() / REFERENCE_SIZE + 1);
            keys = new ArrayList<>(capacity);
            children = new ArrayList<>(capacity);
            long sum = 0;
            for (long i = 0; i < count; i++) {
                if (i > 0) {
                    K key = keyCodec.unpack(in);
                    checkOrder(at, keys, key, keyCodec);
                    keys.add(key);
                }
                NodeLocation ref = new NodeLocation(in.u64(), in.u64(), in.u64());
                long childItems = in.u64();
                if (ref.objectLength() == 0 || ref.objectLength() < 0 || ref.objectLength() > Integer.MAX_VALUE) {
                    throw new CorruptNodeException(at, "child " + i + " has length "
                            + Long.toUnsignedString(ref.objectLength()));
                }
                if (childItems < 0 || sum + childItems < 0) {
                    throw new CorruptNodeException(at, "child " + i + " Items "
                            + Long.toUnsignedString(childItems) + " is absurd");
                }
                sum += childItems;
                children.add(Node.reference(node.tree, node, ref, childItems));
            }
            if (sum != items) {
                throw new CorruptNodeException(at, "children hold " + sum + " items but Items is " + items);
            }
        }
        if (in.remaining() != 0) {
            throw new CorruptNodeException(at, in.remaining() + " unexpected bytes after the payload");
        }
        node.items = items;
        node.leaf = leaf;
        node.keys = keys;
        node.values = values;
        node.children = children;
        node.loaded = true;
        node.dirty = false;
        return max;
    }

    private static <K> void checkOrder(NodeLocation at, ArrayList<K> keys, K key, KeyCodec<K> codec) {
        if (!keys.isEmpty() && codec.compare(keys.get(keys.size() - 1), key) >= 0) {
            throw new CorruptNodeException(at, "key " + keys.size() + " is not greater than the one before it");
        }
    }
}
