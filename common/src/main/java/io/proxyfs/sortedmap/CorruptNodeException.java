package io.proxyfs.sortedmap;

/**
 * The bytes of a node read through {@link BPlusTreeCallbacks#getNode} do not decode to a valid
 * node. The message names the node's location and what is wrong with it.
 *
 * <p>Thread-safety: immutable.
 */
public final class CorruptNodeException extends BPlusTreeException {
    private static final long serialVersionUID = 1L;

    private final NodeLocation location;

    /** The node at {@code location} is corrupt, as {@code problem} says. */
    public CorruptNodeException(NodeLocation location, String problem) {
        super("corrupt B+tree node at " + location + ": " + problem);
        this.location = location;
    }

    /** The node at {@code location} is corrupt, as {@code problem} says, found by {@code cause}. */
    public CorruptNodeException(NodeLocation location, String problem, Throwable cause) {
        super("corrupt B+tree node at " + location + ": " + problem, cause);
        this.location = location;
    }

    /** Where the corrupt node was read from. */
    public NodeLocation location() {
        return location;
    }
}
