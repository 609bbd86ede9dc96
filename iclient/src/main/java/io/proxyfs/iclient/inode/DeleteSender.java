package io.proxyfs.iclient.inode;

import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends a batch of DeleteInodeTableEntry calls to imgr several at once. imgr answers each only
 * after reading the removed inode's head from Swift (to reclaim its objects), so one call after
 * another costs a Swift GET round trip per unlinked file; the calls of a batch are independent
 * (each names its own inode, under this mount's Exclusive lease), so they may overlap. Each
 * accepted call is recorded in {@link UncheckpointedUpdates} in the batch's order, whatever
 * order imgr took them in: a replay after an imgr restart sends deletes again tolerantly, and
 * looks only at table puts to find what imgr lost, so their order among themselves is free.
 *
 * <p>Not thread-safe: {@link #send} is called with the file-system lock held; only the RPCs run
 * on the pool.
 */
final class DeleteSender implements AutoCloseable {
    private final FsContext ctx;
    private final ExecutorService calls;

    DeleteSender(FsContext ctx, int parallelCalls) {
        this.ctx = ctx;
        this.calls = Executors.newFixedThreadPool(Math.max(1, parallelCalls), r -> {
            Thread t = new Thread(r, "iclient-delete-rpc");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Deletes these inodes' table entries in imgr, each then recorded as uncheckpointed and taken
     * off the pending deletes. If some calls fail, the others still count and the failed ones stay
     * pending (for the next write-back); the first failure is thrown.
     */
    void send(List<Long> inodes) throws IOException, ImgrRpcException {
        if (inodes.isEmpty()) {
            return;
        }
        ctx.uncheckpointed.ensureReplayed(ctx);
        List<Long> changes = new ArrayList<>(inodes.size());
        List<Future<Void>> answers = new ArrayList<>(inodes.size());
        for (long n : inodes) {
            changes.add(ctx.tableChanges.incrementAndGet());
            try {
                answers.add(calls.submit(() -> {
                    ctx.imgr.deleteInodeTableEntry(n);
                    return null;
                }));
            } catch (RejectedExecutionException e) {
                answers.add(CompletableFuture.failedFuture(
                        new IOException("iclient is stopping: inode " + Long.toUnsignedString(n) + " not deleted", e)));
            }
        }
        Throwable first = null;
        for (int k = 0; k < inodes.size(); k++) {
            try {
                answers.get(k).get();
                ctx.uncheckpointed.delete(changes.get(k), inodes.get(k));
                ctx.pendingDeletes.remove(inodes.get(k));
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (first == null) {
                    first = new IOException("interrupted while deleting inodes in imgr", e);
                }
            }
        }
        if (first != null) {
            throw Failures.rethrow(first);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
