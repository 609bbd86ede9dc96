package io.proxyfs.iclient.inode;

import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.ObjectPosition;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where one inode's B+tree pages live: read from the object being written (not yet PUT) or from
 * Swift; written by appending to the inode's next object, with the layout accounting of both.
 * Not thread-safe: trees call it under their own lock, which is taken under the file-system lock.
 */
final class InodeNodes implements BPlusTreeCallbacks {
    private final Inode inode;
    private final FsContext ctx;

    InodeNodes(Inode inode, FsContext ctx) {
        this.inode = inode;
        this.ctx = ctx;
    }

    @Override
    public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
        PutBuffer put = inode.put;
        if (put != null && put.objectNumber == objectNumber) {
            return put.copy(objectOffset, objectLength);
        }
        for (PutBuffer b : inode.unsent) {
            if (b.objectNumber == objectNumber) {
                return b.copy(objectOffset, objectLength);
            }
        }
        byte[] cached = ctx.readCache.peek(objectNumber, objectOffset, objectLength);
        if (cached != null) {
            return cached;
        }
        try {
            return ctx.objects.read(objectNumber, objectOffset, objectLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ObjectPosition putNode(byte[] node) {
        PutBuffer put = ctx.putBuffer(inode);
        long at = put.append(node, 0, node.length);
        inode.layout.written(put.objectNumber, node.length);
        return new ObjectPosition(put.objectNumber, at);
    }

    @Override
    public void discardNode(long objectNumber, long objectOffset, long objectLength) {
        inode.layout.unreferenced(objectNumber, objectLength);
    }
}
