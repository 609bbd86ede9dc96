package io.proxyfs.sortedmap;

import java.util.ArrayList;

/**
 * One B+tree node in memory: its on-disk location (if any), the number of items in its subtree
 * and, when loaded, its contents.
 *
 * <p>A leaf holds its items' keys and values. An index node holds its children and, between
 * them, separator keys: {@code keys.get(i)} is the first key of {@code children.get(i + 1)} as
 * of when that child was split off or rebalanced (the original's {@code nonLeafLeftChild} is
 * {@code children.get(0)}). A node that is not loaded keeps only its location and item count.
 *
 * <p>Thread-safety: guarded by the owning tree's lock; the {@code lru*} fields are guarded by
 * the {@link BPlusTreeCache}'s lock instead.
 */
final class Node<K, V> {
    final BPlusTree<K, V> tree;
    Node<K, V> parent;

    long objectNumber;
    long objectOffset;
    /** Zero when the node has no on-disk copy (new, or dirtied since it was read or written). */
    long objectLength;

    long items;
    boolean loaded;
    boolean dirty;
    boolean root;
    boolean leaf;

    ArrayList<K> keys;
    ArrayList<V> values;
    ArrayList<Node<K, V>> children;

    int lruList;
    Node<?, ?> lruPrev;
    Node<?, ?> lruNext;

    Node(BPlusTree<K, V> tree, Node<K, V> parent) {
        this.tree = tree;
        this.parent = parent;
    }

    /** A new, empty, loaded and dirty node with no on-disk copy. */
    static <K, V> Node<K, V> fresh(BPlusTree<K, V> tree, Node<K, V> parent, boolean leaf, int capacity) {
        Node<K, V> n = new Node<>(tree, parent);
        n.loaded = true;
        n.dirty = true;
        n.leaf = leaf;
        n.keys = new ArrayList<>(capacity);
        if (leaf) {
            n.values = new ArrayList<>(capacity);
        } else {
            n.children = new ArrayList<>(capacity + 1);
        }
        return n;
    }

    /** A not-yet-loaded node known only by a parent's reference to it. */
    static <K, V> Node<K, V> reference(BPlusTree<K, V> tree, Node<K, V> parent, NodeLocation at, long items) {
        Node<K, V> n = new Node<>(tree, parent);
        n.objectNumber = at.objectNumber();
        n.objectOffset = at.objectOffset();
        n.objectLength = at.objectLength();
        n.items = items;
        return n;
    }

    boolean onDisk() {
        return objectLength != 0;
    }

    NodeLocation location() {
        return new NodeLocation(objectNumber, objectOffset, objectLength);
    }

    void clearLocation() {
        objectNumber = 0;
        objectOffset = 0;
        objectLength = 0;
    }

    /** Drops the contents of a clean node, keeping its location and item count. */
    void unload() {
        keys = null;
        values = null;
        children = null;
        loaded = false;
    }

    /** The child's position among this index node's children (identity search). */
    int childIndex(Node<K, V> child) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) == child) {
                return i;
            }
        }
        throw new IllegalStateException("node is not a child of its parent");
    }

    /** Recomputes an index node's item count from its children's. */
    void recountItems() {
        long sum = 0;
        for (Node<K, V> c : children) {
            sum += c.items;
        }
        items = sum;
    }
}
