package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.sortedmap.NodeLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * the directories to be written (none while a directory is still dirty). An object whose PUT or
 * table update failed is kept and PUT again by the next write-back (the trees already point into
 * it).
 *
 * <p>Not thread-safe: call with the file-system lock held. The PUTs run on a pool while the
 * caller waits.
 */
final class Flusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

    /** One inode's object, ready to PUT. */
    private record Prepared(Inode inode, PutBuffer object, long headLength) {
    }

    private final FsContext ctx;
    private final ExecutorService puts;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong inodesFlushed = new AtomicLong();

    Flusher(FsContext ctx, int parallelPuts) {
        this.ctx = ctx;
        this.puts = Executors.newFixedThreadPool(Math.max(1, parallelPuts), r -> {
            Thread t = new Thread(r, "iclient-flush-put");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Writes back every dirty inode this client may write (holds an Exclusive lease on), then
     * sends the deferred deletes.
     */
    void flushAll() throws IOException, ImgrRpcException {
        List<Inode> dirty = new ArrayList<>();
        for (Inode i : ctx.dirtyInodes()) {
            if (ctx.leases.state(i.number) == LeaseState.EXCLUSIVE) {
                dirty.add(i);
            }
        }
        writeBack(dirty);
    }

    /**
     * Writes back these inodes (each must be held under an Exclusive lease); while a directory is
     * dirty, every dirty inode instead ({@link #flushAll}): a name and the inode it names reach imgr
     * in one table update, so a crash never leaves a durable inode no durable name reaches (or the
     * other way round).
     */
    void flush(Collection<Inode> inodes) throws IOException, ImgrRpcException {
        for (Inode i : ctx.dirtyInodes()) {
            if (i.isDir()) {
                flushAll();
                return;
            }
        }
        writeBack(inodes);
    }

    private void writeBack(Collection<Inode> inodes) throws IOException, ImgrRpcException {
        List<Inode> todo = new ArrayList<>();
        for (Inode i : inodes) {
            ctx.require(i.number, LeaseState.EXCLUSIVE);
            if (i.dirty && !(i.unlinked && i.opens == 0)) {
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            write(todo);
        }
        sendDeletes();
    }

    private void write(List<Inode> todo) throws IOException, ImgrRpcException {
        flushes.incrementAndGet();
        List<Prepared> prepared = new ArrayList<>();
        for (Inode i : todo) {
            prepared.add(prepare(i));
        }
        List<Future<?>> futures = new ArrayList<>();
        for (Prepared p : prepared) {
            for (PutBuffer b : p.inode.unsentObjects()) {
                futures.add(puts.submit(() -> {
                    ctx.objects.write(b.objectNumber, b.array(), b.size());
                    return null;
                }));
            }
        }
        await(futures);
        List<PutInodeTableEntry> entries = new ArrayList<>();
        long objectCount = 0;
        long bytesWritten = 0;
        long bytesReferenced = 0;
        List<Long> dereferenced = new ArrayList<>();
        for (Prepared p : prepared) {
            p.inode.unsent.clear();
            entries.add(new PutInodeTableEntry(p.inode.number, p.object.objectNumber, p.headLength));
            InodeLayout l = p.inode.layout;
            objectCount += l.objectCountAdjustment;
            bytesWritten += l.bytesWrittenAdjustment;
            bytesReferenced += l.bytesReferencedAdjustment;
            dereferenced.addAll(l.dereferenced);
        }
        ctx.imgr.putInodeTableEntries(entries, objectCount, bytesWritten, bytesReferenced, dereferenced);
        for (Prepared p : prepared) {
            p.inode.layout.sent();
            p.inode.headObjectNumber = p.object.objectNumber;
            p.inode.headLength = p.headLength;
            p.inode.dirty = false;
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
        return new Prepared(i, put, head.length);
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
        for (Long n : new ArrayList<>(ctx.pendingDeletes)) {
            if (!ctx.leases.state(n).covers(LeaseState.EXCLUSIVE)) {
                continue;
            }
            ctx.imgr.deleteInodeTableEntry(n);
            ctx.pendingDeletes.remove(n);
        }
    }

    private static void await(List<Future<?>> futures) throws IOException {
        IOException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
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
        return java.util.Map.of("flushes", flushes.get(), "inodesFlushed", inodesFlushed.get());
    }

    @Override
    public void close() {
        puts.shutdownNow();
    }
}
