package io.proxyfs.iclient.inode;

import io.proxyfs.imgrapi.ImgrError;
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
 * The calls on the pool neither renew nor remount: the remount's listener takes the file-system
 * lock, which the thread waiting for them holds; a call that found the mount gone is made again
 * by that thread, the usual way (measured deadlock otherwise: ImgrCrashCampaignIT).
 *
 * <p>Not thread-safe: {@link #send} is called with the file-system lock held; only the RPCs run
 * on the pool.
 */
final class DeleteSender implements AutoCloseable {
    private final FsContext ctx;
    private final ExecutorService calls;

    DeleteSender(FsContext ctx, int parallelCalls) {
        this.ctx = ctx;
        this.calls = Executors.newFixedThreadPool(Math.max(1, parallelCalls),
                DaemonThreads.named("iclient-delete-rpc"));
    }

    /**
     * Deletes these inodes' table entries in imgr, each then recorded as uncheckpointed and taken
     * off the pending deletes. If some calls fail, the others still count and the failed ones stay
     * pending (for the next write-back); the first failure is thrown. Call with the file-system
     * lock held.
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
                    ctx.imgr.deleteInodeTableEntryWithoutRemount(n);
                    return null;
                }));
            } catch (RejectedExecutionException e) {
                answers.add(CompletableFuture.failedFuture(
                        new IOException("iclient is stopping: inode " + Long.toUnsignedString(n) + " not deleted", e)));
            }
        }
        Throwable first = null;
        for (int k = 0; k < inodes.size(); k++) {
            long n = inodes.get(k);
            try {
                try {
                    answers.get(k).get();
                } catch (ExecutionException e) {
                    if (first != null || !(e.getCause() instanceof ImgrRpcException r && mountGone(r))) {
                        throw e;
                    }
                    // imgr lost the mount or its token: the usual call renews or remounts, here,
                    // on the thread that holds the lock the remount's listener takes (after a
                    // remount it fails too, and the rest stay pending for the next write-back)
                    ctx.imgr.deleteInodeTableEntry(n);
                }
                ctx.uncheckpointed.delete(changes.get(k), n);
                ctx.pendingDeletes.remove(n);
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            } catch (IOException | ImgrRpcException | RuntimeException e) {
                first = first == null ? e : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new IOException("interrupted while deleting inodes in imgr", e) : first;
            }
        }
        if (first != null) {
            throw Failures.rethrow(first);
        }
    }

    private static boolean mountGone(ImgrRpcException e) {
        return e.is(ImgrError.UNKNOWN_MOUNT_ID) || e.is(ImgrError.AUTH_TOKEN_REJECTED);
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
