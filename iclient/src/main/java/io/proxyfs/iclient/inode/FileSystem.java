package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseHolder;
import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.VolumeStatusResponse;
import io.proxyfs.sortedmap.BPlusTreeCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system of one mounted volume, as the FUSE adapter calls it: every POSIX operation by
 * path components (names below the root) or by open-file handle. Each operation runs through
 * {@link OpRunner} (file-system lock, leases taken outside it) and delegates to
 * {@link Namespace}, {@link FileOps} or {@link AttrOps}; write-back is {@link Flusher}'s, run on
 * the triggers: age (a background task), fsync, close(2), truncation, lease demote or release,
 * and {@link #close()} (checkpoints: {@link CheckPoints}); a file's size trigger only sends its full object ahead. Also the {@link LeaseHolder} that gives leases up.
 *
 * <p>Errors: {@link FsException} for POSIX refusals; {@link IOException} for Swift or imgr
 * failures (after their retries); {@link ImgrRpcException} for an imgr refusal; unchecked
 * exceptions from the B+tree (for instance an {@link java.io.UncheckedIOException} from a page
 * read) pass through. Thread-safe.
 */
public final class FileSystem implements LeaseHolder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystem.class);

    /** A directory entry as readdir reports it: name, inode number and S_IF* type bits. */
    public record DirEntry(String name, long inode, int typeBits) {
    }

    /** statfs(2) figures. */
    public record StatFs(long blockSize, long blocks, long blocksFree, long files, long filesFree, int nameMax) {
    }

    private final FsContext ctx;
    private final OpRunner runner;
    private final Namespace ns;
    private final FileOps files;
    private final AttrOps attrs;
    private final Flusher flusher;
    private final LocalLocks locks = new LocalLocks();
    private final HeadPrefetcher heads;
    private final CheckPoints checkPoints;
    private final ScheduledExecutorService background;

    /**
     * @param imgr the mounted imgr client
     * @param leases the lease table (this becomes its holder)
     * @param objects the volume's objects
     * @param settings tunables
     * @param readCacheLineSize ReadCacheLineSize
     * @param readCacheLineCountMax ReadCacheLineCountMax
     * @param pageCacheLow InodePayloadEvictLowLimit
     * @param pageCacheHigh InodePayloadEvictHighLimit
     * @param parallelPuts most object PUTs in flight during a write-back
     */
    public FileSystem(ImgrClient imgr, LeaseTable leases, ObjectStore objects, FsSettings settings,
            int readCacheLineSize, int readCacheLineCountMax, long pageCacheLow, long pageCacheHigh, int parallelPuts) {
        this.ctx = new FsContext(imgr, leases, objects, new ReadCache(objects, readCacheLineSize, readCacheLineCountMax),
                new BPlusTreeCache(pageCacheLow, pageCacheHigh), settings);
        this.runner = new OpRunner(ctx);
        this.ns = new Namespace(ctx);
        this.flusher = new Flusher(ctx, parallelPuts);
        this.files = new FileOps(ctx, new FileData(ctx), flusher);
        this.attrs = new AttrOps(ctx);
        int prefetchThreads = Math.max(1, Math.min(64, 2 * parallelPuts));
        this.heads = new HeadPrefetcher(ctx, prefetchThreads,
                (int) Math.max(2L * prefetchThreads, Math.min(leases.maxShared(), HeadPrefetcher.MAX_WINDOW)));
        this.checkPoints = new CheckPoints(ctx, settings.closeCheckPointDelay());
        ctx.openCount = files::openCount;
        ctx.used = heads::used;
        ctx.forgetUnlinked = flusher::forgetUnlinked;
        leases.setHolder(this);
        long tick = Math.max(50, Math.min(1000, settings.flushTriggerDuration().toMillis() / 4));
        this.background = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("iclient-writeback"));
        background.scheduleWithFixedDelay(this::backgroundTick, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- names

    public Attr getattr(List<String> path) throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ctx.inode(ns.resolve(path), LeaseState.SHARED)));
    }

    public Attr fgetattr(long fh) throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ctx.inode(files.handle(fh).inode(), LeaseState.SHARED)));
    }

    public String readlink(List<String> path) throws IOException, ImgrRpcException {
        return runner.run(() -> ns.readlink(path));
    }

    public Attr mkdir(List<String> parent, String name, int mode, long uid, long gid) throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ns.mkdir(parent, name, mode, uid, gid)));
    }

    public Attr mknod(List<String> parent, String name, int mode, long rdev, long uid, long gid)
            throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ns.mknod(parent, name, mode, rdev, uid, gid)));
    }

    public Attr symlink(String target, List<String> parent, String name, long uid, long gid)
            throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ns.symlink(target, parent, name, uid, gid)));
    }

    public Attr link(List<String> existing, List<String> parent, String name) throws IOException, ImgrRpcException {
        return runner.run(() -> Specials.attr(ns.link(existing, parent, name)));
    }

    public void unlink(List<String> parent, String name) throws IOException, ImgrRpcException {
        runner.run(() -> {
            ns.unlink(parent, name);
            return null;
        });
    }

    public void rmdir(List<String> parent, String name) throws IOException, ImgrRpcException {
        runner.run(() -> {
            ns.rmdir(parent, name);
            return null;
        });
    }

    public void rename(List<String> fromParent, String fromName, List<String> toParent, String toName)
            throws IOException, ImgrRpcException {
        runner.run(() -> {
            ns.rename(fromParent, fromName, toParent, toName);
            return null;
        });
    }

    /** Every entry of a directory ("." and ".." included) in name order. */
    public List<DirEntry> readdir(List<String> path) throws IOException, ImgrRpcException {
        List<DirEntry> entries = list(path);
        List<Long> children = new ArrayList<>();
        for (DirEntry e : entries) {
            if (!e.name().equals(".") && !e.name().equals("..")) {
                children.add(e.inode());
            }
        }
        heads.prefetch(children);
        return entries;
    }

    private List<DirEntry> list(List<String> path) throws IOException, ImgrRpcException {
        return runner.run(() -> {
            List<DirEntry> out = new ArrayList<>();
            for (Namespace.Entry e : ns.list(path)) {
                int type = switch (e.type()) {
                    case DIR -> Attr.S_IFDIR;
                    case SYMLINK -> Attr.S_IFLNK;
                    case FILE -> Attr.S_IFREG;
                };
                out.add(new DirEntry(e.name(), e.inode(), type));
            }
            return out;
        });
    }

    /** The inode a path names, checking it is a directory (opendir). */
    public long opendir(List<String> path) throws IOException, ImgrRpcException {
        return runner.run(() -> ns.directory(path, LeaseState.SHARED).number);
    }

    // ---------------------------------------------------------------- attributes

    public void chmod(List<String> path, int mode) throws IOException, ImgrRpcException {
        runner.run(() -> {
            attrs.chmod(attrs.forChange(ns.resolve(path)), mode);
            return null;
        });
    }

    public void chown(List<String> path, long uid, long gid) throws IOException, ImgrRpcException {
        runner.run(() -> {
            attrs.chown(attrs.forChange(ns.resolve(path)), uid, gid);
            return null;
        });
    }

    /** utimensat; nanosecond fields may be {@code UTIME_NOW} or {@code UTIME_OMIT}. */
    public void utimens(List<String> path, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec)
            throws IOException, ImgrRpcException {
        runner.run(() -> {
            attrs.utimens(attrs.forChange(ns.resolve(path)), atimeSec, atimeNsec, mtimeSec, mtimeNsec);
            return null;
        });
    }

    public void truncate(List<String> path, long size) throws IOException, ImgrRpcException {
        runner.run(() -> {
            files.truncate(attrs.forChange(ns.resolve(path)), size);
            return null;
        });
    }

    public void ftruncate(long fh, long size) throws IOException, ImgrRpcException {
        runner.run(() -> {
            files.truncate(attrs.forChange(files.handle(fh).inode()), size);
            return null;
        });
    }

    public void setxattr(List<String> path, String name, byte[] value, int flags) throws IOException, ImgrRpcException {
        runner.run(() -> {
            attrs.setxattr(attrs.forChange(ns.resolve(path)), name, value, flags);
            return null;
        });
    }

    public byte[] getxattr(List<String> path, String name) throws IOException, ImgrRpcException {
        if (AttrOps.neverStored(name)) {
            return runner.run(() -> {
                ns.resolve(path); // ENOENT for a missing name; the inode itself is not needed
                throw new FsException(Errno.ENODATA, name);
            });
        }
        return runner.run(() -> attrs.getxattr(ctx.inode(ns.resolve(path), LeaseState.SHARED), name));
    }

    public List<String> listxattr(List<String> path) throws IOException, ImgrRpcException {
        return runner.run(() -> attrs.listxattr(ctx.inode(ns.resolve(path), LeaseState.SHARED)));
    }

    public void removexattr(List<String> path, String name) throws IOException, ImgrRpcException {
        runner.run(() -> {
            attrs.removexattr(attrs.forChange(ns.resolve(path)), name);
            return null;
        });
    }

    /**
     * statfs from imgr's VolumeStatus: used blocks and inodes are the volume's; Swift has no
     * capacity, so the free figures are a fixed large amount (1 PiB, 2^32 inodes).
     */
    public StatFs statfs() throws IOException, ImgrRpcException {
        VolumeStatusResponse s = ctx.imgr.volumeStatus();
        long bs = ctx.settings.blockSize();
        long used = (s.bytesReferenced() + bs - 1) / bs;
        long free = (1L << 50) / bs;
        return new StatFs(bs, used + free, free, s.numInodes() + (1L << 32), 1L << 32, ctx.settings.nameLenMax());
    }

    // ---------------------------------------------------------------- open files

    /** open(2) of an existing file; returns the handle. */
    public long open(List<String> path, int flags) throws IOException, ImgrRpcException {
        return runner.run(() -> {
            Inode i = ctx.inode(ns.resolve(path), LeaseState.SHARED);
            return files.open(i, flags);
        });
    }

    /** open(2) with O_CREAT (and maybe O_EXCL); returns the handle. */
    public long create(List<String> parent, String name, int mode, int flags, long uid, long gid)
            throws IOException, ImgrRpcException {
        boolean exclusive = (flags & 0200) != 0;
        return runner.run(() -> files.open(ns.createFile(parent, name, mode, uid, gid, exclusive), flags));
    }

    /** The inode an open handle refers to. */
    public long inodeOf(long fh) {
        return files.handle(fh).inode();
    }

    /** Up to {@code length} bytes at {@code offset}; fewer at the end of the file. */
    public byte[] read(long fh, long offset, int length) throws IOException, ImgrRpcException {
        byte[] out = new byte[Math.max(0, length)];
        int n = read(fh, offset, length, ReadSink.of(out));
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Reads up to {@code length} bytes at {@code offset} into {@code into}; returns how many (fewer at the end). */
    public int read(long fh, long offset, int length, ReadSink into) throws IOException, ImgrRpcException {
        FileOps.ReadPlan plan = runner.run(() -> files.planRead(fh, offset, length, into));
        return files.finishRead(plan);
    }

    public int write(long fh, long offset, byte[] data, int length) throws IOException, ImgrRpcException {
        return write(fh, offset, WriteSource.of(data), length);
    }

    /** Writes {@code length} bytes copied from {@code data} (read again if the operation must run again). */
    public int write(long fh, long offset, WriteSource data, int length) throws IOException, ImgrRpcException {
        int written = runner.run(() -> files.write(fh, offset, data, length));
        runner.run(() -> {
            files.boundBufferedData(); // its own operation: a retry never runs the write again
            return null;
        });
        return written;
    }

    public void release(long fh) throws IOException, ImgrRpcException {
        runner.run(() -> {
            files.release(fh);
            return null;
        });
    }

    /**
     * fsync: writes back everything dirty (so the file's names are durable with it), then asks
     * imgr for a checkpoint; returns only when both are durable.
     */
    public void fsync() throws IOException, ImgrRpcException {
        writeBackAll();
        checkPoints.now();
    }

    /**
     * close(2) (FUSE flush): what this mount changed is written back — its objects are in Swift
     * and imgr accepted the table update — before close returns, and the checkpoint that makes
     * imgr's copy durable is asked for in the background ({@link CheckPoints#soon}), so that a
     * closed file survives a crash of iclient (imgr holds the update and checkpoints it) or of
     * imgr (this mount sends it again). Free when nothing is dirty (a read-only close, or a close
     * after another one already wrote everything back).
     */
    public void flushOnClose() throws IOException, ImgrRpcException {
        boolean dirty;
        ctx.lock.lock();
        try {
            dirty = !ctx.pendingDeletes.isEmpty() || !ctx.dirtyInodes().isEmpty();
        } finally {
            ctx.lock.unlock();
        }
        if (dirty) {
            writeBackAll();
            checkPoints.soon();
        }
    }

    /** The mount's local byte-range and flock locks. */
    public LocalLocks locks() {
        return locks;
    }

    // ---------------------------------------------------------------- write-back

    /**
     * Writes back every dirty inode, taking back Exclusive leases lost meanwhile (remount). The
     * objects are PUT without the lock, so that other threads go on meanwhile (their closes then
     * share the next write-back and imgr's next checkpoint); what they change stays dirty for the
     * next write-back.
     */
    public void writeBackAll() throws IOException, ImgrRpcException {
        for (int attempt = 0; attempt < 5; attempt++) {
            List<Long> needLease = new ArrayList<>();
            ctx.lock.lock();
            try {
                for (Inode i : ctx.dirtyInodes()) {
                    if (ctx.leases.state(i.number) != LeaseState.EXCLUSIVE) {
                        needLease.add(i.number);
                    }
                }
                for (Long n : ctx.pendingDeletes) {
                    if (ctx.leases.state(n) != LeaseState.EXCLUSIVE) {
                        needLease.add(n);
                    }
                }
                if (needLease.isEmpty()) {
                    try {
                        flusher.flushAll(true);
                        return;
                    } catch (io.proxyfs.iclient.rpc.RemountedException e) {
                        continue; // imgr forgot the mount: take the leases again and write back again
                    }
                }
            } finally {
                ctx.lock.unlock();
            }
            try {
                for (Long n : needLease) {
                    ctx.leases.acquire(n, LeaseState.EXCLUSIVE);
                }
            } catch (io.proxyfs.iclient.rpc.RemountedException e) {
                // mounted again while taking leases: look again at what needs one
            }
        }
        runner.run(() -> {
            flusher.flushAll();
            return null;
        });
    }

    private void backgroundTick() {
        try {
            boolean due = false;
            ctx.lock.lock();
            try {
                long limit = ctx.settings.flushTriggerDuration().toNanos();
                long now = System.nanoTime();
                for (Inode i : ctx.dirtyInodes()) {
                    if (now - i.dirtySinceNanos >= limit) {
                        due = true;
                        break;
                    }
                }
                due |= !ctx.pendingDeletes.isEmpty() && ctx.dirtyInodes().isEmpty();
            } finally {
                ctx.lock.unlock();
            }
            if (due) {
                writeBackAll();
            }
            ctx.leases.trim(this::busy);
        } catch (Exception e) {
            LOG.warn("background write-back failed (will retry): {}", e.toString());
        }
    }

    private boolean busy(long inode) {
        if (files.isOpen(inode)) {
            return true;
        }
        ctx.lock.lock();
        try {
            Inode i = ctx.inodes.get(inode);
            return i != null && i.dirty || ctx.pendingDeletes.contains(inode);
        } finally {
            ctx.lock.unlock();
        }
    }

    @Override
    public void surrender(long inode, LeaseState target, Runnable commit) throws Exception {
        ctx.lock.lock();
        try {
            for (int round = 0; ; round++) {
                Inode i = ctx.inodes.get(inode);
                if (!((i != null && i.dirty) || ctx.pendingDeletes.contains(inode))) {
                    break;
                }
                if (round == 3) {
                    throw new IOException("inode " + Long.toUnsignedString(inode) + " is still dirty after write-back");
                }
                // (a write-back may wait for a background one: look again after it)
                if (!ctx.pendingDeletes.isEmpty() || i == null) {
                    flusher.flushAll(); // deletes go after the directories that dropped the names
                } else {
                    flusher.flush(surrenderScope(i));
                }
            }
            if (target == LeaseState.NONE) {
                ctx.drop(inode);
            }
            commit.run();
        } finally {
            ctx.lock.unlock();
        }
    }

    /**
     * What must be written back before a lease on {@code i} is given up: the inode itself and,
     * for a directory, every new inode not yet known to imgr (so no name in Swift ever points at
     * an inode imgr does not have, even after a crash). Other dirty inodes keep waiting for
     * their own triggers, so giving a lease up stays quick under a heavy write load.
     */
    private List<Inode> surrenderScope(Inode i) {
        List<Inode> scope = new ArrayList<>();
        scope.add(i);
        if (i.isDir()) {
            for (Inode d : ctx.dirtyInodes()) {
                if (d != i && d.headObjectNumber == 0 && ctx.leases.state(d.number) == LeaseState.EXCLUSIVE) {
                    scope.add(d);
                }
            }
        }
        return scope;
    }

    @Override
    public void leasesLost() {
        ctx.lock.lock();
        try {
            for (Inode i : new ArrayList<>(ctx.inodes.values())) {
                if (!i.dirty) {
                    ctx.drop(i.number);
                }
            }
            ctx.uncheckpointed.mountLost();
            try {
                ctx.uncheckpointed.ensureReplayed(ctx);   // before any operation reads the new imgr's table
            } catch (IOException e) {
                LOG.warn("{}; the next write-back, fsync or close tries again", e.getMessage());
            }
        } finally {
            ctx.lock.unlock();
        }
        try {
            background.execute(this::registerOpensAgain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * After a new mount (imgr restarted or unmounted this client), tells imgr again which inodes
     * this client has open, and again to delete those unlinked while open, so that they still
     * live until their last close. Gives up quietly if the mount changes again meanwhile.
     */
    private void registerOpensAgain() {
        try {
            for (Map.Entry<Long, Long> e : files.openCounts().entrySet()) {
                runner.run(() -> {
                    Inode i = ctx.inode(e.getKey(), LeaseState.SHARED);
                    ctx.imgr.adjustOpenCount(e.getKey(), e.getValue());
                    if (i.unlinked) {
                        ctx.pendingDeletes.add(i.number);
                    }
                    return null;
                });
            }
        } catch (io.proxyfs.iclient.rpc.RemountedException e) {
            LOG.debug("mounted again while registering open files; the new mount does it");
        } catch (Exception e) {
            LOG.warn("cannot register open files with imgr again: {}", e.toString());
        }
    }

    /** Figures for the status page and /stats. */
    public Map<String, Long> stats() {
        Map<String, Long> out = new LinkedHashMap<>();
        long dirtyBytes = 0;
        int cached;
        int dirty;
        ctx.lock.lock();
        try {
            cached = ctx.inodes.size();
            List<Inode> d = ctx.dirtyInodes();
            dirty = d.size();
            for (Inode i : d) {
                dirtyBytes += i.put == null ? 0 : i.put.size();
            }
        } finally {
            ctx.lock.unlock();
        }
        out.put("inodesCached", (long) cached);
        out.put("inodesDirty", (long) dirty);
        out.put("dirtyBytes", dirtyBytes);
        out.put("openHandles", (long) files.openHandles());
        out.put("bytesRead", files.bytesRead.get());
        out.put("bytesWritten", files.bytesWritten.get());
        out.put("pageCacheCleanNodes", ctx.treeCache.cleanNodes());
        out.put("pageCacheDirtyNodes", ctx.treeCache.dirtyNodes());
        out.put("localLocks", (long) locks.count());
        out.put("headsPrefetched", heads.loaded());
        out.put("headPrefetchesGivenUp", heads.givenUp());
        out.putAll(ctx.readCache.stats());
        out.putAll(ctx.objects.stats());
        out.putAll(flusher.stats());
        ctx.lock.lock();
        try {
            out.putAll(ctx.uncheckpointed.stats());
            out.putAll(checkPoints.stats());
        } finally {
            ctx.lock.unlock();
        }
        return out;
    }

    /** Stops the background write-back, writes back everything and releases every lease. */
    @Override
    public void close() {
        background.shutdownNow();
        heads.close();
        checkPoints.close();
        try {
            fsync(); // the checkpoints closes left to the background, and what is still dirty
        } catch (Exception e) {
            LOG.error("final write-back or checkpoint failed: {}", e.toString());
        }
        ctx.leases.releaseAll();
        LOG.info("counters at unmount: {}", new java.util.TreeMap<>(stats()));
        flusher.close();
        ctx.readCache.close();
    }

    static boolean isDirType(InodeType t) {
        return t == InodeType.DIR;
    }
}
