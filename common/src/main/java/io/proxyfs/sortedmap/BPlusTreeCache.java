package io.proxyfs.sortedmap;

/**
 * A node cache shared by any number of trees (the original's {@code BPlusTreeCache}): it counts
 * the loaded nodes of every tree using it, in a clean and a dirty least-recently-used list, and
 * when their total exceeds the high limit it evicts clean nodes, least recently used first, until
 * the total is at or below the low limit. An evicted node keeps its location and item count and is
 * read again through {@link BPlusTreeCallbacks#getNode} when next needed. Evicting a node also
 * evicts its loaded descendants (all clean, since a dirty node's ancestors are dirty). Dirty
 * nodes are never evicted: {@link BPlusTree#flush} makes them clean.
 *
 * <p>Eviction runs in the thread of the tree operation that found the cache over its high limit,
 * after that operation released its tree's lock (the original uses a separate goroutine for the
 * same reason: to take each victim's tree lock without holding the cache lock).
 *
 * <p>Thread-safety: thread-safe. Lock order is tree lock, then cache lock; the cache lock is
 * never held while taking a tree lock.
 */
public final class BPlusTreeCache {
    static final int NOT_CACHED = 0;
    static final int CLEAN = 1;
    static final int DIRTY = 2;

    private long evictLowLimit;
    private long evictHighLimit;

    private Node<?, ?> cleanHead;
    private Node<?, ?> cleanTail;
    private long cleanCount;
    private Node<?, ?> dirtyHead;
    private Node<?, ?> dirtyTail;
    private long dirtyCount;

    /** A cache that evicts down to {@code evictLowLimit} nodes once above {@code evictHighLimit}. */
    public BPlusTreeCache(long evictLowLimit, long evictHighLimit) {
        checkLimits(evictLowLimit, evictHighLimit);
        this.evictLowLimit = evictLowLimit;
        this.evictHighLimit = evictHighLimit;
    }

    private static void checkLimits(long low, long high) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= evictLowLimit <= evictHighLimit, got "
                    + low + ", " + high);
        }
    }

    /** Changes the limits; eviction, if now needed, happens at the next tree operation. */
    public synchronized void updateLimits(long evictLowLimit, long evictHighLimit) {
        checkLimits(evictLowLimit, evictHighLimit);
        this.evictLowLimit = evictLowLimit;
        this.evictHighLimit = evictHighLimit;
    }

    /** The number of loaded clean nodes, across all trees using this cache. */
    public synchronized long cleanNodes() {
        return cleanCount;
    }

    /** The number of loaded dirty nodes, across all trees using this cache. */
    public synchronized long dirtyNodes() {
        return dirtyCount;
    }

    /** Moves {@code node} to the most recently used end of its list, if it is cached. */
    synchronized void markUsed(Node<?, ?> node) {
        int list = node.lruList;
        if (list != NOT_CACHED) {
            unlink(node);
            append(node, list);
        }
    }

    /** Puts {@code node} at the most recently used end of the clean list. */
    synchronized void markClean(Node<?, ?> node) {
        unlink(node);
        append(node, CLEAN);
    }

    /** Puts {@code node} at the most recently used end of the dirty list. */
    synchronized void markDirty(Node<?, ?> node) {
        unlink(node);
        append(node, DIRTY);
    }

    /** Forgets {@code node} (evicted or removed from its tree). */
    synchronized void remove(Node<?, ?> node) {
        unlink(node);
    }

    synchronized boolean isClean(Node<?, ?> node) {
        return node.lruList == CLEAN;
    }

    private void unlink(Node<?, ?> node) {
        if (node.lruList == NOT_CACHED) {
            return;
        }
        boolean clean = node.lruList == CLEAN;
        if (node.lruPrev != null) {
            node.lruPrev.lruNext = node.lruNext;
        } else if (clean) {
            cleanHead = node.lruNext;
        } else {
            dirtyHead = node.lruNext;
        }
        if (node.lruNext != null) {
            node.lruNext.lruPrev = node.lruPrev;
        } else if (clean) {
            cleanTail = node.lruPrev;
        } else {
            dirtyTail = node.lruPrev;
        }
        if (clean) {
            cleanCount--;
        } else {
            dirtyCount--;
        }
        node.lruPrev = null;
        node.lruNext = null;
        node.lruList = NOT_CACHED;
    }

    private void append(Node<?, ?> node, int list) {
        node.lruList = list;
        node.lruNext = null;
        if (list == CLEAN) {
            node.lruPrev = cleanTail;
            if (cleanTail != null) {
                cleanTail.lruNext = node;
            } else {
                cleanHead = node;
            }
            cleanTail = node;
            cleanCount++;
        } else {
            node.lruPrev = dirtyTail;
            if (dirtyTail != null) {
                dirtyTail.lruNext = node;
            } else {
                dirtyHead = node;
            }
            dirtyTail = node;
            dirtyCount++;
        }
    }

    private synchronized Node<?, ?> nextVictim() {
        if (cleanCount == 0 || cleanCount + dirtyCount <= evictLowLimit) {
            return null;
        }
        return cleanHead;
    }

    private synchronized boolean overHighLimit() {
        return cleanCount > 0 && cleanCount + dirtyCount > evictHighLimit;
    }

    /**
     * Evicts clean nodes, least recently used first, if the cache is over its high limit. Called
     * by trees after releasing their lock; stops early if a victim's tree is busy in this thread,
     * and after as many attempts as there were clean nodes (a victim that cannot be evicted goes
     * back to the most recently used end).
     */
    void drainIfNeeded() {
        if (!overHighLimit()) {
            return;
        }
        long attempts = cleanNodes();
        for (Node<?, ?> victim = nextVictim(); victim != null && attempts-- > 0; victim = nextVictim()) {
            if (!victim.tree.evict(victim)) {
                return;
            }
        }
    }
}
