package io.proxyfs.imgr.volume;

import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.ObjectPosition;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * B+tree node storage that reads nodes from a volume's objects and never writes: for trees that
 * are only looked at (status pages), and the read half of the inode table's storage. A failed
 * read surfaces as {@link UncheckedIOException} (the tree passes it on). Thread-safe when the
 * objects are.
 *
 * @param objects where the nodes are
 */
public record ReadOnlyNodes(VolumeObjects objects) implements BPlusTreeCallbacks {
    @Override
    public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
        try {
            return objects.getRange(objectNumber, objectOffset, objectLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ObjectPosition putNode(byte[] node) {
        throw new IllegalStateException("a read-only tree never writes nodes");
    }

    @Override
    public void discardNode(long objectNumber, long objectOffset, long objectLength) {
        throw new IllegalStateException("a read-only tree never discards nodes");
    }
}
