package io.proxyfs.imgr.check;

import io.proxyfs.sortedmap.NodeLocation;

/**
 * Thrown through a B+tree by {@link TreeNodes} when a node cannot be read: its object is missing,
 * shorter than the node's extent, or the read failed. Carries the node's location and which of
 * these it was. Immutable, so thread-safe.
 */
final class NodeReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NodeLocation location;
    private final ProblemKind kind;

    NodeReadException(NodeLocation location, ProblemKind kind, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
        this.kind = kind;
    }

    /** Where the node should be. */
    NodeLocation location() {
        return location;
    }

    /** {@link ProblemKind#MISSING_OBJECT}, {@link ProblemKind#BEYOND_OBJECT_END} or {@link ProblemKind#READ_FAILED}. */
    ProblemKind kind() {
        return kind;
    }
}
