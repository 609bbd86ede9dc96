package io.proxyfs.sortedmap;

/**
 * Where a node's bytes live: object number, offset in that object and length. The three numbers
 * are unsigned 64-bit values held in {@code long}s, as on disk. A length of zero means "no
 * on-disk copy" (the original's convention).
 *
 * <p>Sorts by object number, then offset, then length (unsigned), the order in which the
 * golden vectors list discarded nodes. Thread-safety: immutable.
 *
 * @param objectNumber the object holding the node
 * @param objectOffset the node's first byte in that object
 * @param objectLength the node's size in bytes
 */
public record NodeLocation(long objectNumber, long objectOffset, long objectLength)
        implements Comparable<NodeLocation> {

    /** The location of a node that has never been written. */
    public static final NodeLocation NONE = new NodeLocation(0, 0, 0);

    @Override
    public int compareTo(NodeLocation other) {
        int c = Long.compareUnsigned(objectNumber, other.objectNumber);
        if (c == 0) {
            c = Long.compareUnsigned(objectOffset, other.objectOffset);
        }
        if (c == 0) {
            c = Long.compareUnsigned(objectLength, other.objectLength);
        }
        return c;
    }

    @Override
    public String toString() {
        return "(object " + Long.toUnsignedString(objectNumber) + ", offset "
                + Long.toUnsignedString(objectOffset) + ", length "
                + Long.toUnsignedString(objectLength) + ")";
    }
}
