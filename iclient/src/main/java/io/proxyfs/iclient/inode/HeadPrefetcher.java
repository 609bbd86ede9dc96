package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a directory is listed, loads the heads of its entries in parallel, without the
 * file-system lock (a shared lease, the inode-table entry, the head's GET), so that the
 * {@code stat} of every entry that usually follows ({@code ls -l}, {@code find}) finds them
 * cached. Loads go through {@link InodeLoader}, so an operation needing an inode being
 * prefetched waits for that load instead of repeating it. Best effort: failures are ignored.
 *
 * <p>Bounded by the config, not by the directory: a {@link PrefetchWindow} keeps each listing at
 * most {@code window} inodes ahead of the operations that use them; a listing nobody stats is
 * given up.
 *
 * <p>Thread-safe.
 */
final class HeadPrefetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadPrefetcher.class);
    /** A listing whose window stayed full this long gives the rest of its entries up. */
    static final long IDLE_GIVE_UP_MILLIS = 5000;
    /**
     * The window's upper bound, whatever MaxSharedLeases says: a plain {@code ls} of a big
     * directory (nobody stats) loads this many heads before the listing is given up, and 1,024
     * keeps a listing whose entries are stat'ed a few seconds of loads ahead of its stats.
     */
    static final int MAX_WINDOW = 1024;
    /** Listings fed at once at most; a further listing is not prefetched. */
    static final int MAX_FEEDERS = 4;

    private final FsContext ctx;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor feeders;
    private final PrefetchWindow window;
    private final AtomicLong loaded = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();

    /**
     * @param threads loads in flight at most (each a lease request, an inode-table read, a GET)
     * @param window inodes prefetched and not yet used, per listing, at most
     */
    HeadPrefetcher(FsContext ctx, int threads, int window) {
        this.ctx = ctx;
        this.window = new PrefetchWindow(window, IDLE_GIVE_UP_MILLIS);
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("iclient-head-prefetch"));
        pool.allowCoreThreadTimeOut(true);
        this.feeders = new ThreadPoolExecutor(0, MAX_FEEDERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("iclient-head-feeder"), new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Starts loading the heads of these inodes (those not cached), in this order. */
    void prefetch(List<Long> inodes) {
        if (inodes.isEmpty()) {
            return;
        }
        try {
            feeders.execute(() -> feed(inodes));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** An operation used {@code inode} (cheap, never blocks; called under the file-system lock). */
    void used(long inode) {
        window.used(inode);
    }

    /** Hands one listing's inodes to the pool, no further ahead of their use than the window. */
    private void feed(List<Long> inodes) {
        PrefetchWindow.Listing listing = window.listing();
        try {
            for (Long inode : inodes) {
                PrefetchWindow.Admission a = listing.admit(inode);
                if (a == PrefetchWindow.Admission.GIVE_UP) {
                    givenUp.incrementAndGet();
                    return;
                }
                if (a == PrefetchWindow.Admission.LOAD) {
                    pool.execute(() -> load(listing, inode));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            // closing
        } finally {
            listing.end();
        }
    }

    private void load(PrefetchWindow.Listing listing, long inode) {
        boolean broughtIn = false;
        try {
            boolean cached;
            ctx.lock.lock();
            try {
                cached = ctx.inodes.containsKey(inode);
            } finally {
                ctx.lock.unlock();
            }
            if (!cached) {
                ctx.leases.acquire(inode, LeaseState.SHARED);
                broughtIn = ctx.loader.loadAndCache(inode);
                if (broughtIn) {
                    loaded.incrementAndGet();
                }
            }
        } catch (Exception e) {
            LOG.debug("prefetch of inode {} failed: {}", Long.toUnsignedString(inode), e.toString());
        } finally {
            listing.settled(inode, broughtIn);
        }
    }

    long loaded() {
        return loaded.get();
    }

    /** Listings whose prefetch stopped because their entries were not used. */
    long givenUp() {
        return givenUp.get();
    }

    @Override
    public void close() {
        feeders.shutdownNow();
        pool.shutdownNow();
    }
}
