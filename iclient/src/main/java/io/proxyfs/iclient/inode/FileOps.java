package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open files: handles, open counts (kept in imgr, so an unlinked file lives until its last close
 * on any client), reads, writes, truncation and write-back triggers. Methods run inside
 * {@link OpRunner} bodies except where noted. The handle table is thread-safe.
 */
final class FileOps {
    /** An open file: its inode, open flags and how it is being read. */
    record Handle(long inode, int flags, ReadPattern reads) {
        boolean append() {
            return (flags & O_APPEND) != 0;
        }
    }

    static final int O_ACCMODE = 03;
    static final int O_RDONLY = 0;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;

    private final FsContext ctx;
    private final FileData data;
    private final Flusher flusher;
    private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();

    FileOps(FsContext ctx, FileData data, Flusher flusher) {
        this.ctx = ctx;
        this.data = data;
        this.flusher = flusher;
    }

    Handle handle(long fh) {
        Handle h = handles.get(fh);
        if (h == null) {
            throw new FsException(Errno.EBADF, "no open file " + fh);
        }
        return h;
    }

    /** Opens the inode: counts the open in imgr and here; O_TRUNC empties a file and writes it back. */
    long open(Inode inode, int flags) throws IOException, ImgrRpcException {
        boolean writing = (flags & O_ACCMODE) != O_RDONLY;
        if (inode.isDir() && writing) {
            throw new FsException(Errno.EISDIR, "directory opened for writing");
        }
        if (writing && (flags & O_TRUNC) != 0 && inode.isFile() && inode.size != 0) {
            ctx.require(inode.number, LeaseState.EXCLUSIVE);
            truncate(inode, 0);
            inode = ctx.inode(inode.number, LeaseState.SHARED); // the write-back may have waited without the lock
        }
        ctx.imgr.adjustOpenCount(inode.number, 1);
        inode.opens++;
        long fh = nextHandle.getAndIncrement();
        handles.put(fh, new Handle(inode.number, flags, new ReadPattern(ctx.readCache.lineSize(),
                ctx.readCache.maxAheadBytes())));
        return fh;
    }

    /** Closes a handle (the last close of an unlinked file lets imgr delete it). */
    void release(long fh) throws IOException, ImgrRpcException {
        Handle h = handle(fh);
        Inode inode;
        try {
            inode = ctx.inode(h.inode(), LeaseState.SHARED);
        } catch (FsException e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
            handles.remove(fh); // imgr already deleted it: nothing left to count
            return;
        }
        try {
            ctx.imgr.adjustOpenCount(inode.number, -1);
        } catch (ImgrRpcException e) {
            if (!e.is(io.proxyfs.imgrapi.ImgrError.BAD_OPEN_COUNT_ADJUSTMENT)) {
                throw e;
            }
            // The open was counted by an earlier mount (imgr restarted since): nothing to undo.
        }
        handles.remove(fh);
        inode.opens = Math.max(0, inode.opens - 1);
        if (inode.unlinked) {
            // imgr deletes an unlinked inode at its last close: a table change the next fsync
            // must make durable with a checkpoint, like one this mount sent itself.
            ctx.tableChanges.incrementAndGet();
        }
        if (inode.unlinked && inode.opens == 0) {
            ctx.inodes.remove(inode.number);
            ctx.forgetUnlinked.accept(inode);
        }
    }

    /** Whether any handle is open on the inode (its lease is not trimmed). */
    boolean isOpen(long inode) {
        for (Handle h : handles.values()) {
            if (h.inode() == inode) {
                return true;
            }
        }
        return false;
    }

    /** How many handles are open on one inode. */
    int openCount(long inode) {
        int n = 0;
        for (Handle h : handles.values()) {
            if (h.inode() == inode) {
                n++;
            }
        }
        return n;
    }

    /** How many handles are open per inode. */
    Map<Long, Long> openCounts() {
        Map<Long, Long> out = new java.util.HashMap<>();
        for (Handle h : handles.values()) {
            out.merge(h.inode(), 1L, Long::sum);
        }
        return out;
    }

    /** Handles open now. */
    int openHandles() {
        return handles.size();
    }

    /**
     * What a read needs after the lock is dropped: the pieces to fetch (whole cache lines for a
     * sequential reader, just the bytes for a random one) and those to read ahead.
     */
    record ReadPlan(int length, ReadSink into, List<FileData.Piece> fromSwift, List<Integer> at, List<FileData.Piece> ahead,
            boolean wholeLines) {
    }

    /**
     * Under the lock: plans a read of up to {@code length} bytes at {@code offset}, copying what
     * lies in objects not yet written; {@link #finishRead} then fetches the rest through the read
     * cache without the lock (objects never change). A sequential reader also gets the pieces of
     * its next read-ahead batch ({@link ReadPattern#ahead}), past object boundaries.
     */
    ReadPlan planRead(long fh, long offset, int length, ReadSink into) throws IOException, ImgrRpcException {
        Handle h = handle(fh);
        Inode inode = ctx.inode(h.inode(), LeaseState.SHARED);
        if (inode.isDir()) {
            throw new FsException(Errno.EISDIR, "read of a directory");
        }
        if (!inode.isFile()) {
            throw new FsException(Errno.EINVAL, "read of a symbolic link");
        }
        if (offset >= inode.size || length <= 0) {
            return new ReadPlan(0, into, List.of(), List.of(), List.of(), false);
        }
        int n = (int) Math.min(length, inode.size - offset);
        List<FileData.Piece> rest = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        int pos = 0;
        for (FileData.Piece p : data.plan(inode, offset, n)) {
            if (p.hole()) {
                into.zero(pos, p.length());
            } else if (!fromMemory(inode, p, into, pos)) {
                rest.add(p);
                at.add(pos);
            }
            pos += p.length();
        }
        h.reads().onRead(offset, n);
        ReadPattern.Ahead a = h.reads().ahead();
        long aheadStart = a.start();
        long aheadLength = Math.min(a.length(), inode.size - aheadStart);
        List<FileData.Piece> ahead = new ArrayList<>();
        if (aheadLength > 0) {
            for (FileData.Piece p : data.plan(inode, aheadStart, (int) aheadLength)) {
                if (!p.hole() && !inMemory(inode, p.object())) {
                    ahead.add(p);
                }
            }
        }
        return new ReadPlan(n, into, rest, at, ahead, h.reads().sequential());
    }

    /** Without the lock: starts the read-ahead, then fetches the planned pieces from Swift (through the read cache). */
    int finishRead(ReadPlan plan) throws IOException {
        for (FileData.Piece p : plan.ahead()) {
            ctx.readCache.prefetch(p.object(), p.objectOffset(), p.length());
        }
        for (int i = 0; i < plan.fromSwift().size(); i++) {
            FileData.Piece p = plan.fromSwift().get(i);
            ctx.readCache.read(p.object(), p.objectOffset(), plan.into(), plan.at().get(i), p.length(),
                    plan.wholeLines());
        }
        bytesRead.addAndGet(plan.length());
        return plan.length();
    }

    private static boolean inMemory(Inode inode, long object) {
        if (inode.put != null && inode.put.objectNumber == object) {
            return true;
        }
        for (PutBuffer b : inode.unsent) {
            if (b.objectNumber == object) {
                return true;
            }
        }
        return false;
    }

    private static boolean fromMemory(Inode inode, FileData.Piece p, ReadSink dst, int at) {
        if (inode.put != null && inode.put.objectNumber == p.object()) {
            inode.put.read(p.objectOffset(), dst, at, p.length());
            return true;
        }
        for (PutBuffer b : inode.unsent) {
            if (b.objectNumber == p.object()) {
                b.read(p.objectOffset(), dst, at, p.length());
                return true;
            }
        }
        return false;
    }

    /** Writes at {@code offset} (at the end for O_APPEND); returns the bytes written. */
    int write(long fh, long offset, WriteSource bytes, int length) throws IOException, ImgrRpcException {
        Handle h = handle(fh);
        Inode inode = ctx.inode(h.inode(), LeaseState.EXCLUSIVE);
        if (!inode.isFile()) {
            throw new FsException(inode.isDir() ? Errno.EISDIR : Errno.EINVAL, "write to a non-file");
        }
        long at = h.append() ? inode.size : offset;
        if (inode.put != null && inode.put.size() + (long) length > ctx.settings.flushTriggerSize()) {
            flusher.sendAhead(inode); // the full object's PUT starts; this write goes into a new one
        }
        data.write(inode, at, bytes, length);
        long now = FsContext.nowNanos();
        inode.mtimeNanos = now;
        inode.ctimeNanos = now;
        inode.markDirty(now);
        bytesWritten.addAndGet(length);
        return length;
    }

    /**
     * After a write, as an operation of its own: when many files, each below the size trigger,
     * hold more buffered data than the bound, writes them all back. Never part of the write's own
     * operation: a write-back may wait (dropping the lock) and find a lease gone, and the runner
     * would then run the body again — a write already applied, an O_APPEND twice.
     */
    void boundBufferedData() {
        if (ctx.bufferedData > WriteBudget.unsentCap(ctx.settings.flushTriggerSize())) {
            try {
                flusher.flushAll();
            } catch (IOException | ImgrRpcException e) {
                // the data written is buffered and stays dirty; the next write-back retries
                org.slf4j.LoggerFactory.getLogger(FileOps.class).warn("write-back of all failed: {}", e.toString());
            }
        }
    }

    /** truncate(2)/ftruncate(2) of a file held Exclusive; written back at once, as the original. */
    void truncate(Inode inode, long size) throws IOException, ImgrRpcException {
        if (inode.isDir()) {
            throw new FsException(Errno.EISDIR, "truncate of a directory");
        }
        if (!inode.isFile()) {
            throw new FsException(Errno.EINVAL, "truncate of a symbolic link");
        }
        if (size < 0) {
            throw new FsException(Errno.EINVAL, "negative size");
        }
        data.truncate(inode, size);
        long now = FsContext.nowNanos();
        inode.mtimeNanos = now;
        inode.ctimeNanos = now;
        inode.markDirty(now);
        flusher.flush(List.of(inode));
    }
}
