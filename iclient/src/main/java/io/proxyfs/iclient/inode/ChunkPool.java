package io.proxyfs.iclient.inode;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Spare {@link PutBuffer#CHUNK}-byte arrays, so that a file being written fills the chunks its
 * objects already PUT left behind instead of new ones: no allocation (and zeroing) of the data's
 * size in fresh arrays, and no garbage collector copying of chunks that outlive a young
 * collection while their object waits for its PUT. At most {@code max} chunks are kept; beyond
 * that, returned chunks are left to the collector. A chunk is returned only once nothing reads
 * it any more (its object is PUT and no longer among its inode's unsent objects). Thread-safe.
 */
final class ChunkPool {
    private final int max;
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();

    /** @param max most spare chunks kept */
    ChunkPool(int max) {
        this.max = Math.max(0, max);
    }

    /** A spare chunk (its old contents are not cleared) or a new one. */
    synchronized byte[] take() {
        byte[] c = spare.pollFirst();
        return c != null ? c : new byte[PutBuffer.CHUNK];
    }

    /** Keeps the full-size chunks among these for reuse, up to the cap. */
    synchronized void give(List<byte[]> chunks) {
        for (byte[] c : chunks) {
            if (spare.size() >= max) {
                return;
            }
            if (c.length == PutBuffer.CHUNK) {
                spare.addFirst(c);
            }
        }
    }

    /** Spare chunks held now. */
    synchronized int spare() {
        return spare.size();
    }
}
