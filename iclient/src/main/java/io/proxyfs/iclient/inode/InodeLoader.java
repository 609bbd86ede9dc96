package io.proxyfs.iclient.inode;

import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Loads inodes into the cache without the file-system lock, one load per inode at a time: an
 * operation that needs an inode ({@link NeedInodeException}) and {@link HeadPrefetcher} share a
 * load in flight under the same lease grant. A loaded inode is cached only if its lease was held
 * from before the load until the insertion, and nothing cached it meanwhile.
 *
 * <p>Thread-safe; call without the file-system lock.
 */
final class InodeLoader {
    private record Loading(long grant, CompletableFuture<Inode> future) {
    }

    private final FsContext ctx;
    private final ConcurrentHashMap<Long, Loading> loading = new ConcurrentHashMap<>();

    InodeLoader(FsContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Loads {@code number} (or waits for its load in flight) and caches it.
     *
     * @return true if it is cached now; false if its lease went before or during the load (the
     *     caller takes the lease again)
     */
    boolean loadAndCache(long number) throws IOException, ImgrRpcException {
        long grant = ctx.leases.grant(number);
        if (grant == 0) {
            return false;
        }
        CompletableFuture<Inode> mine = new CompletableFuture<>();
        Loading l = loading.compute(number, (k, cur) -> cur != null && cur.grant() == grant ? cur
                : new Loading(grant, mine));
        if (l.future() == mine) {
            try {
                // The lease stays held during the load: imgr refuses GetInodeTableEntry
                // without one (EMissingLease), and an interrupt may come for it meanwhile.
                mine.complete(ctx.leases.whileHeld(number, grant, () -> ctx.load(number)));
            } catch (IOException | ImgrRpcException | RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                loading.remove(number, l);
            }
        }
        Inode i = await(l.future());
        if (i == null) {
            return false; // the lease went before the load began
        }
        ctx.lock.lock();
        try {
            if (ctx.leases.grant(number) != grant) {
                return false;
            }
            if (!ctx.inodes.containsKey(number)) {
                i.opens = ctx.openCount.applyAsInt(number);
                ctx.add(i);
            }
            return true;
        } finally {
            ctx.lock.unlock();
        }
    }

    private static Inode await(CompletableFuture<Inode> f) throws IOException, ImgrRpcException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading an inode", e);
        } catch (ExecutionException e) {
            throw Failures.rethrow(e.getCause());
        }
    }
}
