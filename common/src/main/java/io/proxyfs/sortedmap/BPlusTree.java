package io.proxyfs.sortedmap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sorted map paged through caller-supplied storage as B+tree nodes, node-format and
 * behaviour compatible with NVIDIA/sortedmap's B+tree as ProxyFS 2.0 uses it (inode table,
 * directories, extent maps).
 *
 * <p>Every node counts the items in its subtree, so items can also be reached by index
 * ({@link #getByIndex}, {@link #deleteByIndex}, {@link #bisectLeft}, {@link #bisectRight}).
 * Nodes hold at most {@code maxKeysPerNode} keys; a node reaching {@code max + 1} splits (a leaf
 * keeps {@code max / 2} and moves the rest to a new right sibling; an index node keeps
 * {@code max / 2} separators and promotes the next one). A non-root node falling below
 * {@code max / 2} borrows one from its left sibling, else its right sibling, else merges with its
 * left sibling, else its right one; a root left with one child is replaced by it. Deleting does
 * not update separator keys. These rules, the node bytes, the flush order and the stale-node
 * reports reproduce the original's exactly.
 *
 * <p>Storage: changed nodes are dirty until {@link #flush} writes them through {@link
 * BPlusTreeCallbacks#putNode}, children before parents (post-order, left to right). An on-disk
 * node that is changed or removed becomes stale; {@link #prune} reports stale locations through
 * {@link BPlusTreeCallbacks#discardNode} (call it once the flush is durable). A tree opened with
 * {@link #open} reads nodes lazily through {@link BPlusTreeCallbacks#getNode}; a {@link
 * BPlusTreeCache} shared by several trees bounds how many stay loaded.
 *
 * <p>Thread-safety: thread-safe. Each public method holds the tree's lock for its duration (the
 * original's per-tree mutex); callbacks and codecs are called under it. Iterators are weakly
 * consistent: each step reads under the lock and sees every key present throughout the
 * iteration, in order, without failing on concurrent changes. Keys and values are stored by
 * reference and must not be modified.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BPlusTree<K, V> {
    private final ReentrantLock lock = new ReentrantLock();
    private final KeyCodec<K> keyCodec;
    private final ValueCodec<V> valueCodec;
    private final BPlusTreeCallbacks callbacks;
    private final BPlusTreeCache cache;
    private final LinkedHashSet<NodeLocation> stale = new LinkedHashSet<>();
    private int maxKeys;
    private int minKeys;
    private Node<K, V> root;
    private boolean discarded;

    private BPlusTree(KeyCodec<K> keyCodec, ValueCodec<V> valueCodec, BPlusTreeCallbacks callbacks,
            BPlusTreeCache cache) {
        if (keyCodec == null || valueCodec == null || callbacks == null) {
            throw new IllegalArgumentException("keyCodec, valueCodec and callbacks are required");
        }
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.callbacks = callbacks;
        this.cache = cache;
    }

    /**
     * A new, empty tree (the original's {@code NewBPlusTree}); nothing is written until {@link
     * #flush}.
     *
     * @param maxKeysPerNode the node size, even and at least 4 (stored in the root node)
     * @param cache a shared node cache, or {@code null} to keep every loaded node
     * @throws IllegalArgumentException if {@code maxKeysPerNode} is odd, below 4 or above 2^24
     */
    public static <K, V> BPlusTree<K, V> create(int maxKeysPerNode, KeyCodec<K> keyCodec,
            ValueCodec<V> valueCodec, BPlusTreeCallbacks callbacks, BPlusTreeCache cache) {
        if (maxKeysPerNode < 4 || (maxKeysPerNode & 1) != 0 || maxKeysPerNode > NodeCodec.MAX_KEYS_LIMIT) {
            throw new IllegalArgumentException("maxKeysPerNode must be even and between 4 and "
                    + NodeCodec.MAX_KEYS_LIMIT + ", got " + maxKeysPerNode);
        }
        BPlusTree<K, V> tree = new BPlusTree<>(keyCodec, valueCodec, callbacks, cache);
        tree.setMaxKeys(maxKeysPerNode);
        Node<K, V> r = Node.fresh(tree, null, true, 0);
        r.root = true;
        tree.root = r;
        tree.cacheDirty(r);
        return tree;
    }

    /**
     * A tree previously flushed, whose root node is at {@code rootLocation} (the original's
     * {@code OldBPlusTree}). The root is read now (it holds the node size); other nodes are
     * read when first needed.
     *
     * @throws CorruptNodeException if the root node is not valid
     */
    public static <K, V> BPlusTree<K, V> open(NodeLocation rootLocation, KeyCodec<K> keyCodec,
            ValueCodec<V> valueCodec, BPlusTreeCallbacks callbacks, BPlusTreeCache cache) {
        BPlusTree<K, V> tree = new BPlusTree<>(keyCodec, valueCodec, callbacks, cache);
        Node<K, V> r = Node.reference(tree, null, rootLocation, 0);
        r.root = true;
        tree.root = r;
        if (!r.onDisk()) {
            throw new CorruptNodeException(rootLocation, "a root location must have a non-zero length");
        }
        tree.lock.lock();
        try {
            tree.load(r);
        } finally {
            tree.lock.unlock();
        }
        tree.drainCache();
        return tree;
    }

    private void setMaxKeys(int max) {
        maxKeys = max;
        minKeys = max >> 1;
    }

    /** The node size: at most this many keys per node. */
    public int maxKeysPerNode() {
        enter();
        try {
            return maxKeys;
        } finally {
            leave();
        }
    }

    // ---------------------------------------------------------------- locking helpers

    private void enter() {
        lock.lock();
        if (discarded) {
            lock.unlock();
            throw new IllegalStateException("tree was discarded");
        }
    }

    private void leave() {
        lock.unlock();
        drainCache();
    }

    private void drainCache() {
        if (cache != null) {
            cache.drainIfNeeded();
        }
    }

    // ---------------------------------------------------------------- queries

    /** The number of items (the original's {@code Len}). */
    public long size() {
        enter();
        try {
            return load(root).items;
        } finally {
            leave();
        }
    }

    /** The value stored under {@code key}, or {@code null} (the original's {@code GetByKey}). */
    public V get(K key) {
        enter();
        try {
            Node<K, V> leaf = leafFor(key);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            return pos >= 0 ? leaf.values.get(pos) : null;
        } finally {
            leave();
        }
    }

    /** Whether {@code key} is present. */
    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /**
     * The item at {@code index} (0-based, in key order), or {@code null} when {@code index} is
     * out of range (the original's {@code GetByIndex}).
     */
    public Map.Entry<K, V> getByIndex(long index) {
        enter();
        try {
            Node<K, V> r = load(root);
            if (index < 0 || index >= r.items) {
                return null;
            }
            long[] within = {index};
            Node<K, V> leaf = leafAt(within);
            int i = (int) within[0];
            return Map.entry(leaf.keys.get(i), leaf.values.get(i));
        } finally {
            leave();
        }
    }

    /**
     * The index of the greatest key {@code <= key}, or -1 if every key is greater (the
     * original's {@code BisectLeft}; {@code key} was found if the item there has that key).
     */
    public long bisectLeft(K key) {
        long[] found = search(key);
        return found[0] + (found[1] >= 0 ? found[1] : -found[1] - 2);
    }

    /**
     * The index of the least key {@code >= key}, or {@link #size()} if every key is smaller
     * (the original's {@code BisectRight}).
     */
    public long bisectRight(K key) {
        long[] found = search(key);
        return found[0] + (found[1] >= 0 ? found[1] : -found[1] - 1);
    }

    /** The index of {@code key}, or -1 if absent. */
    public long indexOf(K key) {
        long[] found = search(key);
        return found[1] >= 0 ? found[0] + found[1] : -1;
    }

    /**
     * Finds the leaf where {@code key} is or would be: {index of the leaf's first item, the
     * {@link Collections#binarySearch} result for {@code key} within that leaf}.
     */
    private long[] search(K key) {
        enter();
        try {
            long[] offset = {0};
            Node<K, V> leaf = leafFor(key, offset);
            return new long[] {offset[0], Collections.binarySearch(leaf.keys, key, keyCodec)};
        } finally {
            leave();
        }
    }

    /** The item with the greatest key {@code <= key}, or {@code null}. */
    public Map.Entry<K, V> floorEntry(K key) {
        enter();
        try {
            long[] offset = {0};
            Node<K, V> leaf = leafFor(key, offset);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            long index = offset[0] + (pos >= 0 ? pos : -pos - 2);
            return index < 0 ? null : entryAt(index);
        } finally {
            leave();
        }
    }

    /** The item with the least key {@code >= key}, or {@code null}. */
    public Map.Entry<K, V> ceilingEntry(K key) {
        enter();
        try {
            long[] offset = {0};
            Node<K, V> leaf = leafFor(key, offset);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            long index = offset[0] + (pos >= 0 ? pos : -pos - 1);
            return index >= root.items ? null : entryAt(index);
        } finally {
            leave();
        }
    }

    private Map.Entry<K, V> entryAt(long index) {
        load(root);
        long[] within = {index};
        Node<K, V> leaf = leafAt(within);
        int i = (int) within[0];
        return Map.entry(leaf.keys.get(i), leaf.values.get(i));
    }

    /** All items in key order. */
    public Iterator<Map.Entry<K, V>> iterator() {
        return new Cursor(null);
    }

    /** The items with keys {@code >= fromKey}, in key order. */
    public Iterator<Map.Entry<K, V>> iterator(K fromKey) {
        if (fromKey == null) {
            throw new IllegalArgumentException("fromKey is required");
        }
        return new Cursor(fromKey);
    }

    /**
     * Reads ahead one leaf at a time, each under the lock, resuming after the last key returned.
     */
    private final class Cursor implements Iterator<Map.Entry<K, V>> {
        private K from;
        private boolean inclusive;
        private boolean exhausted;
        private List<Map.Entry<K, V>> batch = List.of();
        private int next;

        Cursor(K fromKey) {
            from = fromKey;
            inclusive = true;
        }

        @Override
        public boolean hasNext() {
            if (next < batch.size()) {
                return true;
            }
            if (exhausted) {
                return false;
            }
            batch = readBatch(from, inclusive);
            next = 0;
            if (batch.isEmpty()) {
                exhausted = true;
                return false;
            }
            from = batch.get(batch.size() - 1).getKey();
            inclusive = false;
            return true;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.get(next++);
        }
    }

    private List<Map.Entry<K, V>> readBatch(K from, boolean inclusive) {
        enter();
        try {
            long start;
            if (from == null) {
                start = 0;
            } else {
                long[] offset = {0};
                Node<K, V> leaf = leafFor(from, offset);
                int pos = Collections.binarySearch(leaf.keys, from, keyCodec);
                start = offset[0] + (pos >= 0 ? (inclusive ? pos : pos + 1) : -pos - 1);
            }
            if (start >= load(root).items) {
                return List.of();
            }
            long[] within = {start};
            Node<K, V> leaf = leafAt(within);
            List<Map.Entry<K, V>> out = new ArrayList<>(leaf.keys.size() - (int) within[0]);
            for (int i = (int) within[0]; i < leaf.keys.size(); i++) {
                out.add(Map.entry(leaf.keys.get(i), leaf.values.get(i)));
            }
            if (from != null && !out.isEmpty()) {
                int c = keyCodec.compare(out.get(0).getKey(), from);
                if (c < 0 || (c == 0 && !inclusive)) {
                    // Each node is in order, but an index node sent the search to a leaf whose
                    // keys lie outside the range its separators give: a damaged tree. Going on
                    // would iterate for ever.
                    throw new CorruptNodeException(leaf.location(), "the leaf reached for a key holds keys"
                            + " outside the range its parent's separators give (nodes out of order)");
                }
            }
            return out;
        } finally {
            leave();
        }
    }

    // ---------------------------------------------------------------- updates

    /**
     * Inserts {@code key} with {@code value} if {@code key} is absent (the original's
     * {@code Put}). Returns {@code true} if inserted, {@code false} if the key was already
     * present (its value is left unchanged; use {@link #patch}).
     */
    public boolean put(K key, V value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("null keys and values are not stored");
        }
        enter();
        try {
            Node<K, V> leaf = leafFor(key);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            if (pos >= 0) {
                return false;
            }
            leaf.keys.add(-pos - 1, key);
            leaf.values.add(-pos - 1, value);
            addItemsToRoot(leaf, 1);
            if (leaf.keys.size() > maxKeys) {
                split(leaf);
            }
            return true;
        } finally {
            leave();
        }
    }

    /**
     * Replaces the value of {@code key} if present (the original's {@code PatchByKey}); returns
     * whether it was present. The leaf and its ancestors become dirty only when it was.
     */
    public boolean patch(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        enter();
        try {
            Node<K, V> leaf = leafFor(key);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            if (pos < 0) {
                return false;
            }
            leaf.values.set(pos, value);
            dirtyToRoot(leaf);
            return true;
        } finally {
            leave();
        }
    }

    /** Replaces the value at {@code index} (the original's {@code PatchByIndex}). */
    public boolean patchByIndex(long index, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        enter();
        try {
            if (index < 0 || index >= load(root).items) {
                return false;
            }
            long[] within = {index};
            Node<K, V> leaf = leafAt(within);
            leaf.values.set((int) within[0], value);
            dirtyToRoot(leaf);
            return true;
        } finally {
            leave();
        }
    }

    /** Removes {@code key} (the original's {@code DeleteByKey}); returns whether it was present. */
    public boolean delete(K key) {
        enter();
        try {
            Node<K, V> leaf = leafFor(key);
            int pos = Collections.binarySearch(leaf.keys, key, keyCodec);
            if (pos < 0) {
                return false;
            }
            removeFromLeaf(leaf, pos);
            return true;
        } finally {
            leave();
        }
    }

    /** Removes the item at {@code index} (the original's {@code DeleteByIndex}). */
    public boolean deleteByIndex(long index) {
        enter();
        try {
            if (index < 0 || index >= load(root).items) {
                return false;
            }
            long[] within = {index};
            Node<K, V> leaf = leafAt(within);
            removeFromLeaf(leaf, (int) within[0]);
            return true;
        } finally {
            leave();
        }
    }

    private void removeFromLeaf(Node<K, V> leaf, int pos) {
        leaf.keys.remove(pos);
        leaf.values.remove(pos);
        markDirty(leaf);
        addItemsToRoot(leaf, -1);
        rebalance(leaf);
    }

    // ---------------------------------------------------------------- storage operations

    /**
     * Writes every dirty node through {@link BPlusTreeCallbacks#putNode}, children before
     * parents, left to right, and returns the root's location (the original's {@code Flush}).
     * With {@code andPurge}, every node is then unloaded (read again on demand).
     */
    public NodeLocation flush(boolean andPurge) {
        enter();
        try {
            flushNode(root, andPurge);
            return root.location();
        } finally {
            leave();
        }
    }

    /** The root's current location ({@link NodeLocation#NONE} while the root is dirty). */
    public NodeLocation rootLocation() {
        enter();
        try {
            return root.location();
        } finally {
            leave();
        }
    }

    /**
     * Reports every stale on-disk node location through {@link
     * BPlusTreeCallbacks#discardNode}, in the order they became stale (the original's
     * {@code Prune}). A location whose report throws stays pending for the next call.
     */
    public void prune() {
        enter();
        try {
            pruneLocked();
        } finally {
            leave();
        }
    }

    private void pruneLocked() {
        Iterator<NodeLocation> it = stale.iterator();
        while (it.hasNext()) {
            NodeLocation at = it.next();
            callbacks.discardNode(at.objectNumber(), at.objectOffset(), at.objectLength());
            it.remove();
        }
    }

    /** The stale locations not yet reported by {@link #prune}, in the order they became stale. */
    public List<NodeLocation> pendingDiscards() {
        enter();
        try {
            return List.copyOf(stale);
        } finally {
            leave();
        }
    }

    /**
     * Unloads clean nodes (the original's {@code Purge}). With {@code full}, the tree must have
     * no dirty node (flush first); otherwise dirty nodes and their ancestors stay loaded.
     *
     * @throws IllegalStateException if {@code full} and a dirty node is found
     */
    public void purge(boolean full) {
        enter();
        try {
            if (full && root.loaded && root.dirty) {
                throw new IllegalStateException("purge(full) found a dirty node; flush first");
            }
            purgeNode(root);
        } finally {
            leave();
        }
    }

    /** Makes every node dirty, so the next flush rewrites the whole tree (the original's {@code Touch}). */
    public void touch() {
        enter();
        try {
            touchNode(root);
        } finally {
            leave();
        }
    }

    /**
     * Makes the leaf holding item {@code index} and its ancestors dirty, and returns the index of
     * the first item after that leaf (the original's {@code TouchItem}, for rewriting a tree a
     * leaf at a time). An index outside the tree touches nothing and returns 0, telling the
     * caller it has reached the end.
     */
    public long touchItem(long index) {
        enter();
        try {
            Node<K, V> r = load(root);
            if (index < 0 || index >= r.items) {
                return 0;
            }
            long[] within = {index};
            Node<K, V> leaf = leafAt(within);
            dirtyToRoot(leaf);
            return index + (leaf.keys.size() - within[0]);
        } finally {
            leave();
        }
    }

    /**
     * Marks every node stale, reports all stale locations through {@link
     * BPlusTreeCallbacks#discardNode} and retires the tree (the original's {@code Discard});
     * any later call throws {@link IllegalStateException}.
     */
    public void discard() {
        enter();
        try {
            discardNode(root);
            pruneLocked();
            discarded = true;
        } finally {
            leave();
        }
    }

    /**
     * The bytes of on-disk nodes referenced by the tree, per object number (the original's
     * {@code FetchLayoutReport}); reads every node. Dirty nodes have no on-disk copy and count
     * nothing.
     */
    public SortedMap<Long, Long> layoutReport() {
        enter();
        try {
            TreeMap<Long, Long> report = new TreeMap<>(Long::compareUnsigned);
            addToLayout(root, report);
            return report;
        } finally {
            leave();
        }
    }

    /**
     * The tree's dimensions (the original's {@code FetchDimensionsReport}): the node-size bounds,
     * the item count and the height (a tree whose root is a leaf has height 1). Reads the nodes
     * on the leftmost path only.
     */
    public Dimensions dimensions() {
        enter();
        try {
            Node<K, V> n = load(root);
            long height = 1;
            while (!n.leaf) {
                n = load(n.children.get(0));
                height++;
            }
            return new Dimensions(minKeys, maxKeys, load(root).items, height);
        } finally {
            leave();
        }
    }

    /**
     * What {@link #dimensions()} reports.
     *
     * @param minKeysPerNode the fewest keys a non-root node holds
     * @param maxKeysPerNode the most keys a node holds
     * @param items the number of items
     * @param height the number of levels
     */
    public record Dimensions(long minKeysPerNode, long maxKeysPerNode, long items, long height) {
    }

    /**
     * Checks the tree's structure: key order within and across nodes, item counts, node sizes,
     * equal leaf depth, parent links (the original's {@code Validate}); reads every node.
     *
     * @throws IllegalStateException describing the first inconsistency found
     */
    public void validate() {
        enter();
        try {
            int[] leafDepth = {-1};
            validateNode(load(root), null, null, 0, leafDepth);
        } finally {
            leave();
        }
    }

    // ---------------------------------------------------------------- navigation

    private Node<K, V> load(Node<K, V> node) {
        if (node.loaded) {
            if (cache != null) {
                cache.markUsed(node);
            }
            return node;
        }
        byte[] bytes = callbacks.getNode(node.objectNumber, node.objectOffset, node.objectLength);
        int max = NodeCodec.decode(bytes, node, maxKeys, keyCodec, valueCodec);
        if (node.root) {
            setMaxKeys(max);
        }
        if (cache != null) {
            cache.markClean(node);
        }
        return node;
    }

    private Node<K, V> leafFor(K key) {
        Node<K, V> n = load(root);
        while (!n.leaf) {
            n = load(n.children.get(childFor(n, key)));
        }
        return n;
    }

    /** Like {@link #leafFor(Object)}, adding to {@code offset[0]} the items left of the path. */
    private Node<K, V> leafFor(K key, long[] offset) {
        Node<K, V> n = load(root);
        while (!n.leaf) {
            int ci = childFor(n, key);
            for (int i = 0; i < ci; i++) {
                offset[0] += n.children.get(i).items;
            }
            n = load(n.children.get(ci));
        }
        return n;
    }

    /** The child of an index node whose range holds {@code key}. */
    private int childFor(Node<K, V> n, K key) {
        int pos = Collections.binarySearch(n.keys, key, keyCodec);
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /** The leaf holding item {@code index[0]} of a loaded root; leaves the index within it there. */
    private Node<K, V> leafAt(long[] index) {
        Node<K, V> n = root;
        while (!n.leaf) {
            long rest = index[0];
            Node<K, V> next = null;
            for (Node<K, V> c : n.children) {
                if (rest < c.items) {
                    next = c;
                    break;
                }
                rest -= c.items;
            }
            if (next == null) {
                throw new IllegalStateException("item counts are inconsistent");
            }
            index[0] = rest;
            n = load(next);
        }
        return n;
    }

    // ---------------------------------------------------------------- dirty and stale tracking

    private void markDirty(Node<K, V> node) {
        node.dirty = true;
        if (node.onDisk()) {
            stale.add(node.location());
            node.clearLocation();
        }
        cacheDirty(node);
    }

    private void cacheDirty(Node<K, V> node) {
        if (cache != null) {
            cache.markDirty(node);
        }
    }

    private void markRemoved(Node<K, V> node) {
        if (node.onDisk()) {
            stale.add(node.location());
            node.clearLocation();
        }
        if (cache != null) {
            cache.remove(node);
        }
    }

    private void dirtyToRoot(Node<K, V> node) {
        for (Node<K, V> n = node; n != null; n = n.parent) {
            markDirty(n);
        }
    }

    private void addItemsToRoot(Node<K, V> node, int delta) {
        for (Node<K, V> n = node; n != null; n = n.parent) {
            n.items += delta;
            markDirty(n);
        }
    }

    private void recountToRoot(Node<K, V> node) {
        for (Node<K, V> n = node; n != null; n = n.parent) {
            n.recountItems();
            markDirty(n);
        }
    }

    // ---------------------------------------------------------------- split and rebalance

    private void split(Node<K, V> node) {
        Node<K, V> right = Node.fresh(this, node.parent, node.leaf, maxKeys + 1);
        K splitKey;
        int size = node.keys.size();
        if (node.leaf) {
            right.keys.addAll(node.keys.subList(minKeys, size));
            right.values.addAll(node.values.subList(minKeys, size));
            node.keys.subList(minKeys, size).clear();
            node.values.subList(minKeys, size).clear();
            splitKey = right.keys.get(0);
            right.items = size - minKeys;
            node.items = minKeys;
        } else {
            splitKey = node.keys.get(minKeys);
            right.keys.addAll(node.keys.subList(minKeys + 1, size));
            right.children.addAll(node.children.subList(minKeys + 1, size + 1));
            node.keys.subList(minKeys, size).clear();
            node.children.subList(minKeys + 1, size + 1).clear();
            for (Node<K, V> c : right.children) {
                c.parent = right;
            }
            node.recountItems();
            right.recountItems();
        }
        if (node.root) {
            node.root = false;
            Node<K, V> newRoot = Node.fresh(this, null, false, maxKeys + 1);
            newRoot.root = true;
            newRoot.children.add(node);
            newRoot.children.add(right);
            newRoot.keys.add(splitKey);
            newRoot.items = node.items + right.items;
            node.parent = newRoot;
            right.parent = newRoot;
            root = newRoot;
            cacheDirty(right);
            cacheDirty(newRoot);
        } else {
            Node<K, V> parent = node.parent;
            int ci = parent.childIndex(node);
            parent.keys.add(ci, splitKey);
            parent.children.add(ci + 1, right);
            cacheDirty(right);
            if (parent.keys.size() > maxKeys) {
                split(parent);
            }
        }
        recountToRoot(node.parent);
    }

    private void rebalance(Node<K, V> node) {
        if (node.root || node.keys.size() >= minKeys) {
            return;
        }
        Node<K, V> parent = node.parent;
        int ci = parent.childIndex(node);
        Node<K, V> left = ci > 0 ? load(parent.children.get(ci - 1)) : null;
        if (left != null && left.keys.size() > minKeys) {
            borrowFromLeft(parent, ci, left, node);
            markDirty(left);
            return;
        }
        Node<K, V> right = ci < parent.children.size() - 1 ? load(parent.children.get(ci + 1)) : null;
        if (right != null && right.keys.size() > minKeys) {
            borrowFromRight(parent, ci, right, node);
            markDirty(right);
            return;
        }
        if (left != null) {
            merge(parent, ci - 1, left, node);
        } else {
            merge(parent, ci, node, right);
        }
    }

    private void borrowFromLeft(Node<K, V> parent, int ci, Node<K, V> left, Node<K, V> node) {
        int last = left.keys.size() - 1;
        if (node.leaf) {
            K key = left.keys.remove(last);
            node.keys.add(0, key);
            node.values.add(0, left.values.remove(last));
            left.items--;
            node.items++;
            parent.keys.set(ci - 1, key);
        } else {
            K key = left.keys.remove(last);
            Node<K, V> child = left.children.remove(last + 1);
            node.keys.add(0, parent.keys.get(ci - 1));
            node.children.add(0, child);
            child.parent = node;
            parent.keys.set(ci - 1, key);
            left.recountItems();
            node.recountItems();
        }
    }

    private void borrowFromRight(Node<K, V> parent, int ci, Node<K, V> right, Node<K, V> node) {
        if (node.leaf) {
            node.keys.add(right.keys.remove(0));
            node.values.add(right.values.remove(0));
            node.items++;
            right.items--;
            parent.keys.set(ci, right.keys.get(0));
        } else {
            Node<K, V> child = right.children.remove(0);
            K key = right.keys.remove(0);
            node.keys.add(parent.keys.get(ci));
            node.children.add(child);
            child.parent = node;
            parent.keys.set(ci, key);
            node.recountItems();
            right.recountItems();
        }
    }

    /** Moves everything from {@code absorbed} into its left neighbour {@code survivor}. */
    private void merge(Node<K, V> parent, int separator, Node<K, V> survivor, Node<K, V> absorbed) {
        survivor.items += absorbed.items;
        if (survivor.leaf) {
            survivor.keys.addAll(absorbed.keys);
            survivor.values.addAll(absorbed.values);
        } else {
            survivor.keys.add(parent.keys.get(separator));
            survivor.keys.addAll(absorbed.keys);
            for (Node<K, V> c : absorbed.children) {
                c.parent = survivor;
                survivor.children.add(c);
            }
        }
        if (parent.root && parent.keys.size() == 1) {
            markRemoved(parent);
            survivor.root = true;
            survivor.parent = null;
            root = survivor;
        } else {
            parent.keys.remove(separator);
            parent.children.remove(separator + 1);
            parent.recountItems();
            rebalance(parent);
        }
        markRemoved(absorbed);
        markDirty(survivor);
    }

    // ---------------------------------------------------------------- whole-tree walks

    private void flushNode(Node<K, V> node, boolean andPurge) {
        if (!node.loaded) {
            return;
        }
        if (!node.leaf) {
            for (Node<K, V> c : node.children) {
                flushNode(c, andPurge);
            }
        }
        if (node.dirty) {
            byte[] bytes = NodeCodec.encode(node, maxKeys, keyCodec, valueCodec);
            ObjectPosition at = callbacks.putNode(bytes);
            node.objectNumber = at.objectNumber();
            node.objectOffset = at.objectOffset();
            node.objectLength = bytes.length;
            node.dirty = false;
            if (cache != null) {
                cache.markClean(node);
            }
        }
        if (andPurge) {
            unload(node);
        }
    }

    private void unload(Node<K, V> node) {
        node.unload();
        if (cache != null) {
            cache.remove(node);
        }
    }

    /** Unloads the clean nodes of a subtree (its dirty nodes and their ancestors stay). */
    private void purgeNode(Node<K, V> node) {
        if (!node.loaded) {
            return;
        }
        boolean childStaysLoaded = false;
        if (!node.leaf) {
            for (Node<K, V> c : node.children) {
                purgeNode(c);
                childStaysLoaded |= c.loaded;
            }
        }
        if (!node.dirty && !childStaysLoaded) {
            unload(node);
        }
    }

    /** Called by the cache: evicts {@code victim} if still clean; false if this thread holds the lock. */
    boolean evict(Node<?, ?> victim) {
        if (lock.isHeldByCurrentThread()) {
            return false;
        }
        lock.lock();
        try {
            if (cache.isClean(victim)) {
                @SuppressWarnings("unchecked")
                Node<K, V> node = (Node<K, V>) victim;
                purgeNode(node);
                if (node.loaded) {
                    cache.markUsed(node);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void touchNode(Node<K, V> node) {
        load(node);
        markDirty(node);
        if (!node.leaf) {
            for (Node<K, V> c : node.children) {
                touchNode(c);
            }
        }
    }

    private void discardNode(Node<K, V> node) {
        load(node);
        if (!node.leaf) {
            for (Node<K, V> c : node.children) {
                discardNode(c);
            }
        }
        markRemoved(node);
    }

    private void addToLayout(Node<K, V> node, TreeMap<Long, Long> report) {
        boolean wasLoaded = node.loaded;
        load(node);
        if (node.onDisk()) {
            report.merge(node.objectNumber, node.objectLength, Long::sum);
        }
        if (!node.leaf) {
            for (Node<K, V> c : node.children) {
                addToLayout(c, report);
            }
        }
        if (!wasLoaded) {
            purgeNode(node);
        }
    }

    private void validateNode(Node<K, V> node, K low, K high, int depth, int[] leafDepth) {
        int n = node.keys.size();
        if (!node.root && (n < minKeys || n > maxKeys)) {
            throw new IllegalStateException("node holds " + n + " keys, outside [" + minKeys + ", " + maxKeys + "]");
        }
        if (n > maxKeys) {
            throw new IllegalStateException("root holds " + n + " keys, above " + maxKeys);
        }
        for (int i = 0; i < n; i++) {
            K k = node.keys.get(i);
            if (i > 0 && keyCodec.compare(node.keys.get(i - 1), k) >= 0) {
                throw new IllegalStateException("keys out of order within a node");
            }
            if (node.leaf && ((low != null && keyCodec.compare(k, low) < 0)
                    || (high != null && keyCodec.compare(k, high) >= 0))) {
                throw new IllegalStateException("leaf key outside the range its parents give it");
            }
        }
        if (node.leaf) {
            if (node.items != n || node.values.size() != n) {
                throw new IllegalStateException("leaf item count " + node.items + " but " + n + " keys");
            }
            if (leafDepth[0] < 0) {
                leafDepth[0] = depth;
            } else if (leafDepth[0] != depth) {
                throw new IllegalStateException("leaves at depths " + leafDepth[0] + " and " + depth);
            }
            return;
        }
        if (node.children.size() != n + 1) {
            throw new IllegalStateException("index node with " + n + " keys has " + node.children.size() + " children");
        }
        long sum = 0;
        for (int i = 0; i <= n; i++) {
            Node<K, V> c = load(node.children.get(i));
            if (c.parent != node) {
                throw new IllegalStateException("child's parent link is wrong");
            }
            validateNode(c, i == 0 ? low : node.keys.get(i - 1), i == n ? high : node.keys.get(i), depth + 1, leafDepth);
            sum += c.items;
        }
        if (sum != node.items) {
            throw new IllegalStateException("index node item count " + node.items + " but children hold " + sum);
        }
        if (node.dirty && node.onDisk()) {
            throw new IllegalStateException("dirty node still has an on-disk location");
        }
    }
}
