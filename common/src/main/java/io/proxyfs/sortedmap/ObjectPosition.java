package io.proxyfs.sortedmap;

/**
 * Where {@link BPlusTreeCallbacks#putNode} placed a node: object number and offset (unsigned
 * 64-bit values). Thread-safety: immutable.
 *
 * @param objectNumber the object the node was appended to
 * @param objectOffset the node's first byte in that object
 */
public record ObjectPosition(long objectNumber, long objectOffset) {
}
