package io.proxyfs.imgr.check;

import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCache;
import io.proxyfs.sortedmap.CorruptNodeException;
import io.proxyfs.sortedmap.KeyCodec;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ValueCodec;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Checks one B+tree of the volume: opens it at its root, validates its whole structure (key order,
 * item counts, node sizes, equal leaf depth) when it holds at most {@code validateLimit} items,
 * then visits every entry in key order, checking that keys strictly increase and that their
 * number is the root's item count, and returns the bytes of its nodes per object. Memory: a
 * validated tree is held whole; a bigger one is streamed through a small node cache, so a huge
 * inode table or extent map needs little memory. Any failure becomes one {@link Problem} (missing
 * object, node past the end of its object, undecodable node or broken structure) and stops the
 * walk of that tree. Not thread-safe: one tree per instance.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class TreeCheck<K, V> {
    /** Trees up to this many items are validated whole. */
    static final long VALIDATE_LIMIT = 100_000;
    private static final long CACHE_LOW = 16;
    private static final long CACHE_HIGH = 32;

    private final String tree;
    private final long owner;
    private final TreeNodes nodes;
    private final KeyCodec<K> keys;
    private final ValueCodec<V> values;
    private final Consumer<Problem> problems;
    private final long validateLimit;

    /**
     * @param tree  what the tree is, for messages, e.g. "directory"
     * @param owner the inode owning it, or {@link Problem#NONE} for the inode table
     */
    TreeCheck(String tree, long owner, TreeNodes nodes, KeyCodec<K> keys, ValueCodec<V> values,
            Consumer<Problem> problems) {
        this(tree, owner, nodes, keys, values, problems, VALIDATE_LIMIT);
    }

    TreeCheck(String tree, long owner, TreeNodes nodes, KeyCodec<K> keys, ValueCodec<V> values,
            Consumer<Problem> problems, long validateLimit) {
        this.tree = tree;
        this.owner = owner;
        this.nodes = nodes;
        this.keys = keys;
        this.values = values;
        this.problems = problems;
        this.validateLimit = validateLimit;
    }

    /**
     * Opens and checks the tree rooted at {@code root}, visiting every entry in key order; returns
     * the node bytes per object, or null when the tree is broken (already reported).
     */
    Map<Long, Long> walk(NodeLocation root, BiConsumer<K, V> visitor) {
        try {
            BPlusTree<K, V> opened = BPlusTree.open(root, keys, values, nodes,
                    new BPlusTreeCache(CACHE_LOW, CACHE_HIGH));
            long items = opened.size();
            if (items <= validateLimit) {
                opened.validate();
            }
            Iterator<Map.Entry<K, V>> it = opened.iterator();
            K previous = null;
            long count = 0;
            while (it.hasNext()) {
                Map.Entry<K, V> e = it.next();
                if (previous != null && keys.compare(previous, e.getKey()) >= 0) {
                    throw new IllegalStateException("key " + e.getKey() + " follows key " + previous
                            + " (keys must strictly increase)");
                }
                previous = e.getKey();
                count++;
                visitor.accept(e.getKey(), e.getValue());
            }
            if (count != items) {
                throw new IllegalStateException("its root counts " + items + " items but " + count + " were found");
            }
            return nodes.nodeBytes();
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
