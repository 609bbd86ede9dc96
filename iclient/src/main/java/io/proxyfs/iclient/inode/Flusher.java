package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.sortedmap.NodeLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-back (the original's {@code flushInodesInSlice}): each dirty inode's next object gets its
 * changed B+tree pages and then its new head appended; all those objects are PUT in parallel;
 * then one PutInodeTableEntries points imgr at the new heads, with the summed space accounting
 * and the objects no longer referenced; then the DeleteInodeTableEntry calls that waited for
 * the directories to be written (none while a directory is still dirty; several at once,
 * {@link DeleteSender}). An object whose PUT or
 * table update failed is kept and PUT again by the next write-back (the trees already point into
 * it). A file's full object can be {@link #sendAhead sent ahead} before its write-back.
 *
 * <p>Not thread-safe: call with the file-system lock held. The PUTs run on a pool while the
 * caller waits.
 */
final class Flusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    /** One inode's object, ready to PUT, and what its table update carries. */
    private record SentAhead(Inode inode, PutBuffer object) {
    }

    private record Prepared(Inode inode, PutBuffer object, long headLength, long changes, List<PutBuffer> objects,
            InodeLayout.Pending pending, List<Long> sentAhead) {
    }

    private final FsContext ctx;
    private final ExecutorService puts;
    private final DeleteSender deletes;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong sentAhead = new AtomicLong();
    /** Objects sent ahead whose PUT may still run, oldest first; guarded by ctx.lock. */
    private final ArrayDeque<SentAhead> ahead = new ArrayDeque<>();
    private final AtomicLong inodesFlushed = new AtomicLong();
    /** A background write-back is PUTting without the lock; guarded by ctx.lock. */
    private boolean inProgress;
    private final java.util.concurrent.locks.Condition idle;
    private final int maxSentAhead;

    Flusher(FsContext ctx, int parallelPuts) {
        this.ctx = ctx;
        this.idle = ctx.lock.newCondition();
        this.maxSentAhead = WriteBudget.sentAhead(ctx.settings.flushTriggerSize());
        this.puts = Executors.newFixedThreadPool(Math.max(1, parallelPuts),
                DaemonThreads.named("iclient-flush-put"));
        this.deletes = new DeleteSender(ctx, parallelPuts);
    }

    /**
     * Writes back every dirty inode this client may write (holds an Exclusive lease on), then
     * sends the deferred deletes.
     */
    void flushAll() throws IOException, ImgrRpcException {
        flushAll(false);
    }

    /**
     * As {@link #flushAll()}; with {@code dropLockForPuts} (the file system's write-back of all:
     * age trigger, fsync, close; its caller holds the lock exactly once) the objects are PUT without the lock, so operations and
     * lease interrupts go on meanwhile; changes made meanwhile stay dirty for the next write-back.
     */
    void flushAll(boolean dropLockForPuts) throws IOException, ImgrRpcException {
        awaitIdle();
        List<Inode> dirty = new ArrayList<>();
        for (Inode i : ctx.dirtyInodes()) {
            if (ctx.leases.state(i.number) == LeaseState.EXCLUSIVE) {
                dirty.add(i);
            }
        }
        flushNow(dirty, dropLockForPuts);
    }

    /**
     * Writes back these inodes (each must be held under an Exclusive lease); while a directory is
     * dirty, every dirty inode instead ({@link #flushAll}): a name and the inode it names reach imgr
     * in one table update, so a crash never leaves a durable inode no durable name reaches (or the
     * other way round). If a background write-back is under way, waits for it first, releasing the
     * lock meanwhile: callers must not rely on what they read before (they take the inode again
     * from the context).
     */
    void flush(Collection<Inode> inodes) throws IOException, ImgrRpcException {
        if (awaitIdle()) {
            List<Inode> still = new ArrayList<>();
            for (Inode i : inodes) {
                if (ctx.inodes.get(i.number) == i) {
                    still.add(i);
                }
            }
            inodes = still;
        }
        for (Inode i : ctx.dirtyInodes()) {
            if (i.isDir()) {
                flushAll();
                return;
            }
        }
        flushNow(inodes, false);
    }

    /**
     * The size trigger of a file being written: its current object is full, so its PUT starts
     * now, on the pool, and the writer goes on into a new object at once (the original writes the
     * inode back here, waiting for the PUT and the table update). The object joins the inode's
     * unsent ones: reads take it from memory, and the next write-back (close, fsync, age, lease)
     * waits for this PUT instead of making it, or makes it again if it failed. Objects whose PUT
     * is done are forgotten here (reads then find them in Swift). With
     * {@link WriteBudget#sentAhead} PUTs running, waits for the oldest, keeping the lock: that bounds the memory a fast writer
     * holds.
     */
    void sendAhead(Inode i) throws IOException {
        PutBuffer b = i.put;
        if (b == null || b.size() == 0) {
            return;
        }
        i.put = null;
        i.unsent.add(b);
        ctx.bufferedData -= i.bufferedData;
        i.bufferedData = 0;
        b.sending = CompletableFuture.runAsync(() -> {
            try {
                ctx.objects.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, puts);
        sentAhead.incrementAndGet();
        i.sentAhead.add(b.objectNumber);
        ahead.addLast(new SentAhead(i, b));
        forgetSent();
        while (ahead.size() > maxSentAhead) {
            SentAhead oldest = ahead.peekFirst();
            CompletableFuture<Void> f = oldest.object().sending; // not null: forgetSent dropped those
            try {
                f.get();
            } catch (ExecutionException e) {
                LOG.warn("PUT of object {} failed; the next write-back tries again: {}",
                        Long.toHexString(oldest.object().objectNumber), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a PUT", e);
            }
            forgetSent();
        }
    }

    /**
     * An unlinked inode leaves the cache for good: imgr deletes the objects its table entry
     * reached, but never heard of those sent ahead since the last write-back, so they are deleted
     * here, each once its PUT is over. A crash before leaves them behind (as it does any object
     * PUT before its table update).
     */
    void forgetUnlinked(Inode i) {
        for (Long n : i.sentAhead) {
            CompletableFuture<Void> running = null;
            for (PutBuffer b : i.unsent) {
                if (b.objectNumber == n && b.sending != null) {
                    running = b.sending;
                }
            }
            CompletableFuture<Void> after = running == null ? CompletableFuture.completedFuture(null) : running;
            after.handleAsync((v, e) -> {
                try {
                    ctx.objects.delete(n);
                } catch (IOException x) {
                    LOG.warn("object {} of removed inode {} not deleted (left behind): {}", Long.toHexString(n),
                            Long.toUnsignedString(i.number), x.toString());
                }
                return null;
            }, puts);
        }
        i.sentAhead.clear();
    }

    /** Drops finished sent-ahead PUTs from the queue, and the successful ones from their inode's unsent objects. */
    private void forgetSent() {
        var it = ahead.iterator();
        while (it.hasNext()) {
            SentAhead s = it.next();
            CompletableFuture<Void> f = s.object().sending;
            if (f == null) {
                it.remove(); // a write-back took it over
            } else if (f.isDone()) {
                it.remove();
                if (!f.isCompletedExceptionally() && s.inode().unsent.remove(s.object())) {
                    s.object().release(); // PUT, and reads now go to Swift
                }
            }
        }
    }

    /** Waits (releasing the lock) while a background write-back PUTs; returns whether it waited. */
    private boolean awaitIdle() throws IOException {
        boolean waited = false;
        while (inProgress) {
            waited = true;
            try {
                idle.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a write-back", e);
            }
        }
        return waited;
    }

    private void flushNow(Collection<Inode> inodes, boolean dropLockForPuts) throws IOException, ImgrRpcException {
        List<Inode> todo = new ArrayList<>();
        for (Inode i : inodes) {
            ctx.require(i.number, LeaseState.EXCLUSIVE);
            if (i.dirty && !(i.unlinked && i.opens == 0)) {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            write(todo, dropLockForPuts && ctx.lock.getHoldCount() == 1);
        }
        sendDeletes();
    }

    private void write(List<Inode> todo, boolean dropLock) throws IOException, ImgrRpcException {
        flushes.incrementAndGet();
        List<Prepared> prepared = new ArrayList<>();
        for (Inode i : todo) {
            prepared.add(prepare(i));
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Prepared p : prepared) {
            for (PutBuffer b : p.objects()) {
                CompletableFuture<Void> s = b.sending;
                if (s != null && !s.isCompletedExceptionally()) {
                    futures.add(s); // sent ahead: wait for that PUT
                    continue;
                }
                b.sending = null;
                futures.add(puts.submit(() -> {
                    ctx.objects.write(b);
                    return null;
                }));
            }
        }
        try {
            if (dropLock) {
                inProgress = true;
                ctx.lock.unlock();
                try {
                    await(futures);
                } finally {
                    ctx.lock.lock();
                    inProgress = false;
                    idle.signalAll();
                }
            } else {
                await(futures);
            }
        } finally {
            for (Prepared p : prepared) {
                for (PutBuffer b : p.objects()) {
                    b.sending = null; // PUT, or to be PUT again by the next write-back
                }
            }
        }
        List<PutInodeTableEntry> entries = new ArrayList<>();
        long objectCount = 0;
        long bytesWritten = 0;
        long bytesReferenced = 0;
        List<Long> dereferenced = new ArrayList<>();
        for (Prepared p : prepared) {
            p.inode.unsent.removeAll(p.objects());
            for (PutBuffer b : p.objects()) {
                b.release(); // PUT (awaited above), and no longer among the inode's unsent objects
            }
            entries.add(new PutInodeTableEntry(p.inode.number, p.object.objectNumber, p.headLength));
            objectCount += p.pending().objectCount();
            bytesWritten += p.pending().bytesWritten();
            bytesReferenced += p.pending().bytesReferenced();
            dereferenced.addAll(p.pending().dereferenced());
        }
        ctx.uncheckpointed.ensureReplayed(ctx);
        long change = ctx.tableChanges.incrementAndGet();
        ctx.imgr.putInodeTableEntries(entries, objectCount, bytesWritten, bytesReferenced, dereferenced);
        ctx.uncheckpointed.put(change, entries, objectCount, bytesWritten, bytesReferenced, dereferenced);
        for (Prepared p : prepared) {
            p.inode.sentAhead.removeAll(p.sentAhead());
            p.inode.layout.sent(p.pending());
            p.inode.headObjectNumber = p.object.objectNumber;
            p.inode.headLength = p.headLength;
            if (p.inode.changes == p.changes()) {
                p.inode.dirty = false;
            }
        }
        inodesFlushed.addAndGet(prepared.size());
    }

    /** Appends the inode's changed pages and new head to its next object. */
    private Prepared prepare(Inode i) {
        PutBuffer put = ctx.putBuffer(i);
        if (i.directory != null) {
            setPayload(i, i.directory.flush(false));
            i.directory.prune();
        } else if (i.extents != null) {
            setPayload(i, i.extents.flush(false));
            i.extents.prune();
        }
        List<LayoutEntryV1> layout = i.layout.settle(put.objectNumber, i.headObjectNumber);
        byte[] head = i.toHead(layout).marshal();
        put.append(head, 0, head.length);
        i.put = null;
        i.unsent.add(put);
        ctx.bufferedData -= i.bufferedData;
        i.bufferedData = 0;
        return new Prepared(i, put, head.length, i.changes, List.copyOf(i.unsent), i.layout.pending(),
                List.copyOf(i.sentAhead));
    }

    private static void setPayload(Inode i, NodeLocation root) {
        i.payloadObjectNumber = root.objectNumber();
        i.payloadObjectOffset = root.objectOffset();
        i.payloadObjectLength = root.objectLength();
    }

    private void sendDeletes() throws IOException, ImgrRpcException {
        for (Inode i : ctx.dirtyInodes()) {
            if (i.isDir()) {
                return;     // a removed name may not be written back yet (a size trigger writes one file)
            }
        }
        List<Long> ready = new ArrayList<>();
        for (Long n : ctx.pendingDeletes) {
            if (ctx.leases.state(n).covers(LeaseState.EXCLUSIVE)) {
                ready.add(n);
            }
        }
        deletes.send(ready);
    }

    private static void await(List<Future<?>> futures) throws IOException {
        IOException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof UncheckedIOException u) {
                    c = u.getCause();
                }
                if (failure == null) {
                    failure = c instanceof IOException io ? io : new IOException(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing back", e);
            }
        }
        if (failure != null) {
            LOG.warn("write-back failed; will retry: {}", failure.getMessage());
            throw failure;
        }
    }

    /** Counters for /stats. */
    java.util.Map<String, Long> stats() {
        return java.util.Map.of("flushes", flushes.get(), "inodesFlushed", inodesFlushed.get(), "objectsSentAhead",
                sentAhead.get());
    }

    @Override
    public void close() {
        puts.shutdownNow();
        deletes.close();
    }
}
