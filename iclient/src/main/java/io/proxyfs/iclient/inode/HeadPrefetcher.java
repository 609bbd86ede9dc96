package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
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
 * Thread-safe.
 */
final class HeadPrefetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadPrefetcher.class);
    /** Entries prefetched per listing at most. */
    static final int MAX_PER_LISTING = 16384;

    private final FsContext ctx;
    private final ThreadPoolExecutor pool;
    private final AtomicLong loaded = new AtomicLong();

    HeadPrefetcher(FsContext ctx, int threads) {
        this.ctx = ctx;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_PER_LISTING * 2), r -> {
                    Thread t = new Thread(r, "iclient-head-prefetch");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Starts loading the heads of these inodes (those not cached). */
    void prefetch(List<Long> inodes) {
        int n = 0;
        for (Long inode : inodes) {
            if (n++ >= MAX_PER_LISTING) {
                break;
            }
            try {
                pool.execute(() -> load(inode));
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void load(long inode) {
        try {
            ctx.lock.lock();
            try {
                if (ctx.inodes.containsKey(inode)) {
                    return;
                }
            } finally {
                ctx.lock.unlock();
            }
            ctx.leases.acquire(inode, LeaseState.SHARED);
            if (ctx.loader.loadAndCache(inode)) {
                loaded.incrementAndGet();
            }
        } catch (Exception e) {
            LOG.debug("prefetch of inode {} failed: {}", Long.toUnsignedString(inode), e.toString());
        }
    }

    long loaded() {
        return loaded.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
