package io.proxyfs.sortedmap;

/**
 * The storage a {@link BPlusTree} pages its nodes through; mirrors the node part of the
 * original's {@code BPlusTreeCallbacks} ({@code GetNode}, {@code PutNode}, {@code DiscardNode}).
 * The key and value parts of that interface are {@link KeyCodec} and {@link ValueCodec}.
 *
 * <p>Thread-safety: a tree calls these methods while holding its own lock, one call at a time
 * per tree; an implementation shared by several trees must be thread-safe. Implementations must
 * not call back into the tree that invoked them. Failures are reported by throwing an unchecked
 * exception (e.g. {@link java.io.UncheckedIOException}); the tree passes it on unchanged.
 */
public interface BPlusTreeCallbacks {

    /**
     * Returns the {@code objectLength} bytes of the node stored at {@code objectOffset} in
     * object {@code objectNumber}.
     */
    byte[] getNode(long objectNumber, long objectOffset, long objectLength);

    /**
     * Stores a node's bytes (typically by appending them to the object being written) and
     * returns where they were placed. The tree keeps no reference to {@code node}.
     */
    ObjectPosition putNode(byte[] node);

    /**
     * Reports that the node bytes at this location are no longer referenced by the tree (a
     * node written earlier was rewritten elsewhere or removed).
     */
    void discardNode(long objectNumber, long objectOffset, long objectLength);
}
