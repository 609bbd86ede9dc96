package io.proxyfs.imgr.check;

import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.CorruptNodeException;
import io.proxyfs.sortedmap.KeyCodec;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ValueCodec;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks one B+tree of the volume: opens it at its root, validates its structure (key order,
 * item counts, node sizes, equal leaf depth), reports the bytes of nodes per object, and hands
 * every entry to a visitor. Any failure becomes one {@link Problem} (missing object, node past the
 * end of its object, undecodable node or broken structure) and stops the walk of that tree. Each
 * tree is held in memory while it is checked. Not thread-safe: one tree per instance.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TreeCheck<K, V> {
    private final String tree;
    private final long owner;
    private final TreeNodes nodes;
    private final KeyCodec<K> keys;
    private final ValueCodec<V> values;
    private final Consumer<Problem> problems;

    /**
     * @param tree  what the tree is, for messages, e.g. "directory"
     * @param owner the inode owning it, or {@link Problem#NONE} for the inode table
     */
    TreeCheck(String tree, long owner, TreeNodes nodes, KeyCodec<K> keys, ValueCodec<V> values,
            Consumer<Problem> problems) {
        this.tree = tree;
        this.owner = owner;
        this.nodes = nodes;
        this.keys = keys;
        this.values = values;
        this.problems = problems;
    }

    /**
     * Opens and validates the tree rooted at {@code root}, then visits every entry in key order;
     * returns the node bytes per object, or null when the tree is broken (already reported).
     */
    SortedMap<Long, Long> walk(NodeLocation root, BiConsumer<K, V> visitor) {
        try {
            BPlusTree<K, V> opened = BPlusTree.open(root, keys, values, nodes, null);
            opened.validate();
            SortedMap<Long, Long> layout = opened.layoutReport();
            Iterator<Map.Entry<K, V>> it = opened.iterator();
            while (it.hasNext()) {
                Map.Entry<K, V> e = it.next();
                visitor.accept(e.getKey(), e.getValue());
            }
            return layout;
        } catch (NodeReadException e) {
            problems.accept(new Problem(e.kind(), owner, e.location().objectNumber(), "",
                    "the " + tree + " is unreadable: " + e.getMessage()));
        } catch (CorruptNodeException e) {
            problems.accept(new Problem(ProblemKind.BAD_TREE, owner, e.location().objectNumber(), "",
                    "the " + tree + " has a node that does not decode: " + e.getMessage()));
        } catch (RuntimeException e) {
            problems.accept(new Problem(ProblemKind.BAD_TREE, owner, root.objectNumber(), "",
                    "the " + tree + " rooted at " + root + " is broken: " + e.getMessage()));
        }
        return null;
    }
}
