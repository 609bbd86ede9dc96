package io.proxyfs.iclient.inode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How far {@link HeadPrefetcher} may run ahead of the operations that use what it loads: each
 * listing may have at most {@code size} inodes admitted (queued, loading, or loaded) and not yet
 * used. An inode leaves the window when an operation uses it ({@link #used}), when its load
 * brought nothing in ({@link Listing#settled} with false: cached before, or failed), or when its
 * listing ends. A listing whose window stays full for {@code giveUpMillis} (nobody uses its
 * entries: a plain {@code ls}) is told to stop. So what prefetching holds is bounded by the
 * window (from the config), not by the directory's size.
 *
 * <p>Thread-safe.
 */
final class PrefetchWindow {
    /** What {@link Listing#admit} decided for one inode. */
    enum Admission {
        /** Load it: it holds a slot until used or settled. */
        LOAD,
        /** Another listing's window already holds it: nothing to do. */
        SKIP,
        /** The window stayed full: stop prefetching this listing. */
        GIVE_UP
    }

    private final int size;
    private final long giveUpMillis;
    /** Inodes admitted and not yet used, with the listing holding their slot. */
    private final ConcurrentHashMap<Long, Listing> ahead = new ConcurrentHashMap<>();

    PrefetchWindow(int size, long giveUpMillis) {
        this.size = Math.max(1, size);
        this.giveUpMillis = giveUpMillis;
    }

    /** A new listing's window. */
    Listing listing() {
        return new Listing();
    }

    /** An operation used {@code inode}: its slot (if any) is free again. Cheap, never blocks. */
    void used(long inode) {
        if (!ahead.isEmpty()) {
            Listing l = ahead.remove(inode);
            if (l != null) {
                l.slots.release();
            }
        }
    }

    /** Inodes admitted and not yet used, all listings together. */
    int held() {
        return ahead.size();
    }

    /** One listing's share: a semaphore of {@code size} slots. */
    final class Listing {
        private final Semaphore slots = new Semaphore(size);

        /** Waits for a free slot for {@code inode} (up to the give-up time). */
        Admission admit(long inode) throws InterruptedException {
            if (!slots.tryAcquire(giveUpMillis, TimeUnit.MILLISECONDS)) {
                return Admission.GIVE_UP;
            }
            if (ahead.putIfAbsent(inode, this) != null) {
                slots.release();
                return Admission.SKIP;
            }
            return Admission.LOAD;
        }

        /**
         * The load of an admitted inode ended; unless it brought the inode into the cache, the
         * slot is free at once (nothing will use what was not loaded by it).
         */
        void settled(long inode, boolean broughtIn) {
            if (!broughtIn && ahead.remove(inode, this)) {
                slots.release();
            }
        }

        /** The listing is done (or gave up): what it admitted and is unused leaves the window. */
        void end() {
            ahead.entrySet().removeIf(m -> m.getValue() == this);
        }
    }
}
