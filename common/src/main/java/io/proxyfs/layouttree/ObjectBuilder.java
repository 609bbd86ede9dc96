package io.proxyfs.layouttree;

import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.ObjectPosition;
import java.io.ByteArrayOutputStream;

/**
 * The bytes of one object being written, in the order the format wants them: data and B+tree
 * nodes appended as they come (as the original's PutNode callbacks do), then a head (inode head
 * or superblock) last, so that it can be read with a suffix range. Usable as the {@code putNode}
 * target of a flush through {@link #nodeSink}. Not thread-safe: one writer at a time.
 */
public final class ObjectBuilder {
    private final long objectNumber;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** @param objectNumber the number of the object being built */
    public ObjectBuilder(long objectNumber) {
        this.objectNumber = objectNumber;
    }

    /** The object's number. */
    public long objectNumber() {
        return objectNumber;
    }

    /** Appends {@code data}; returns where it starts in the object. */
    public ObjectPosition append(byte[] data) {
        long offset = bytes.size();
        bytes.writeBytes(data);
        return new ObjectPosition(objectNumber, offset);
    }

    /** Bytes appended so far. */
    public long size() {
        return bytes.size();
    }

    /** The object's bytes so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /**
     * Callbacks for a tree that is only written (formatting, or a flush whose reads are served
     * elsewhere): nodes are appended to this object; reading or discarding is refused.
     */
    public BPlusTreeCallbacks nodeSink() {
        return new BPlusTreeCallbacks() {
            @Override
            public byte[] getNode(long number, long offset, long length) {
                throw new IllegalStateException("this tree is being written into object " + objectNumber
                        + " and cannot read node " + number + "/" + offset + "/" + length);
            }

            @Override
            public ObjectPosition putNode(byte[] node) {
                return append(node);
            }

            @Override
            public void discardNode(long number, long offset, long length) {
                throw new IllegalStateException("a new tree has no node " + number + "/" + offset + "/" + length
                        + " to discard");
            }
        };
    }
}
