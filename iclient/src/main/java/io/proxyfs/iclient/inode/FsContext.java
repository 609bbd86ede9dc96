package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrError;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCache;
import io.proxyfs.sortedmap.NodeLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every file-system operation shares: the file-system lock, the inodes cached under leases,
 * imgr, Swift, the nonce source and the B+tree page cache.
 *
 * <p>Concurrency: one lock ({@link #lock}) guards every {@link Inode} and the maps here; operations
 * run under it through {@link OpRunner}. Lease requests (which may wait for other clients) are
 * never made under it. Swift and imgr I/O for metadata does happen under it (a deliberate
 * simplification: operations on one mount are serialised; data reads of cached lines and Swift
 * GETs of file data run outside it, see {@link FileOps#read}).
 */
final class FsContext {
    /** Objects up to this size are read whole with their inode's head. */
    static final long SMALL_OBJECT = 64 * 1024;
    final ReentrantLock lock = new ReentrantLock();
    final ImgrClient imgr;
    final LeaseTable leases;
    final ObjectStore objects;
    final ReadCache readCache;
    final Nonces nonces;
    final BPlusTreeCache treeCache;
    final FsSettings settings;
    /** Spare chunks for the objects being filled: room for the objects a sequential writer keeps PUTting. */
    final ChunkPool chunks;
    /** Inodes cached under a lease; guarded by {@link #lock}. */
    final Map<Long, Inode> inodes = new HashMap<>();
    /**
     * Every cached inode that turned dirty since {@link #dirtyInodes} last looked (and maybe some
     * cleaned or dropped since), so that finding the dirty ones costs what is dirty, not what is
     * cached (tens of thousands under big lease caps, looked through several times per close);
     * guarded by {@link #lock}.
     */
    private final Set<Inode> dirtyCandidates = new LinkedHashSet<>();
    /** What every cached inode tells when it turns dirty. */
    private final java.util.function.Consumer<Inode> watchDirty = dirtyCandidates::add;
    /** Inodes unlinked whose DeleteInodeTableEntry waits for the next write-back; guarded by {@link #lock}. */
    final Set<Long> pendingDeletes = new LinkedHashSet<>();
    /** File data bytes buffered in all inodes' next objects; guarded by {@link #lock}. */
    long bufferedData;
    /** Handles open per inode (set by the file system), so a reloaded inode knows it is open. */
    java.util.function.LongToIntFunction openCount = n -> 0;
    /** Loads inodes without the lock, sharing loads in flight. */
    final InodeLoader loader = new InodeLoader(this);
    /** Told of every cached inode an operation uses (the head prefetcher's window advances). */
    java.util.function.LongConsumer used = n -> { };
    /** Called when an unlinked inode leaves for good (the flusher deletes the objects imgr never heard of). */
    java.util.function.Consumer<Inode> forgetUnlinked = i -> { };
    /** Inode-table changes sent to imgr (counted before sending, so a Flush after it covers it). */
    final java.util.concurrent.atomic.AtomicLong tableChanges = new java.util.concurrent.atomic.AtomicLong();
    /** {@link #tableChanges} as of the last Flush that succeeded. */
    final java.util.concurrent.atomic.AtomicLong flushedChanges = new java.util.concurrent.atomic.AtomicLong(-1);
    /** Table updates imgr accepted and has not checkpointed for this mount (sent again if imgr forgets them). */
    final UncheckpointedUpdates uncheckpointed = new UncheckpointedUpdates();

    FsContext(ImgrClient imgr, LeaseTable leases, ObjectStore objects, ReadCache readCache, BPlusTreeCache treeCache,
            FsSettings settings) {
        this.imgr = imgr;
        this.leases = leases;
        this.objects = objects;
        this.readCache = readCache;
        this.nonces = new Nonces(imgr);
        this.treeCache = treeCache;
        this.settings = settings;
        this.chunks = new ChunkPool(WriteBudget.pooledChunks(settings.flushTriggerSize()));
    }

    /** Now, in nanoseconds since the epoch (the format's time unit). */
    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Fails the operation (to be retried by {@link OpRunner}) unless {@code wanted} is held on {@code inode}. */
    void require(long inode, LeaseState wanted) {
        if (!leases.state(inode).covers(wanted)) {
            throw new NeedLeaseException(inode, wanted);
        }
        leases.touch(inode);
    }

    /**
     * The inode, under at least a {@code wanted} lease; if it is not cached, throws
     * {@link NeedInodeException} so that it is loaded from imgr and Swift without the lock.
     */
    Inode inode(long number, LeaseState wanted) throws IOException, ImgrRpcException {
        require(number, wanted);
        Inode i = inodes.get(number);
        if (i == null) {
            throw new NeedInodeException(number);
        }
        used.accept(number);
        return i;
    }

    /**
     * Reads an inode's head from imgr and Swift. Touches nothing shared: may be called without
     * the lock (by {@link HeadPrefetcher}) as long as a lease is held.
     */
    Inode load(long number) throws IOException, ImgrRpcException {
        GetInodeTableEntryResponse where;
        try {
            where = imgr.getInodeTableEntry(number);
        } catch (ImgrRpcException e) {
            if (e.is(ImgrError.UNKNOWN_INODE_NUMBER)) {
                throw new FsException(Errno.ENOENT, "inode " + Long.toUnsignedString(number) + " does not exist");
            }
            throw e;
        }
        // One GET for the head and, for a small inode, its whole object (data, pages, head):
        // what is read next (the root page, the data) is then in the read cache.
        long want = Math.max(where.inodeHeadLength(), SMALL_OBJECT);
        byte[] got = objects.readTailUpTo(where.inodeHeadObjectNumber(), want);
        if (got.length < where.inodeHeadLength()) {
            throw new IOException("object " + Long.toHexString(where.inodeHeadObjectNumber()) + " is shorter than the "
                    + where.inodeHeadLength() + "-byte head of inode " + Long.toUnsignedString(number));
        }
        if (got.length < want) {
            readCache.offerWhole(where.inodeHeadObjectNumber(), got);
        }
        byte[] tail = got.length == where.inodeHeadLength() ? got
                : java.util.Arrays.copyOfRange(got, (int) (got.length - where.inodeHeadLength()), got.length);
        InodeHeadV1 head;
        try {
            head = InodeHeadV1.unmarshal(tail);
        } catch (LayoutException e) {
            throw new IOException("bad inode head of inode " + Long.toUnsignedString(number), e);
        }
        if (head.inodeNumber() != number) {
            throw new IOException("inode table entry " + Long.toUnsignedString(number) + " points at the head of inode "
                    + Long.toUnsignedString(head.inodeNumber()));
        }
        Inode i = Inode.fromHead(head, where.inodeHeadObjectNumber(), where.inodeHeadLength());
        i.opens = openCount.applyAsInt(number);
        i.unlinked = i.links.isEmpty() && number != Namespace.ROOT;
        return i;
    }

    /**
     * Puts an inode in the cache (a new one, or one loaded, under its lease), watching it for
     * {@link #dirtyInodes}; under {@link #lock}.
     */
    void add(Inode inode) {
        inodes.put(inode.number, inode);
        inode.dirtyWatcher = watchDirty;
        if (inode.dirty) {
            dirtyCandidates.add(inode);
        }
    }

    /** The object the inode writes next, started (with a new object number) if need be. */
    PutBuffer putBuffer(Inode inode) {
        if (inode.put == null) {
            long n;
            try {
                n = nonces.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ImgrRpcException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
            inode.put = new PutBuffer(n, chunks);
            inode.layout.newObject(n);
        }
        return inode.put;
    }

    /** A directory's tree (opened on first use, or created for a new directory). */
    BPlusTree<String, DirectoryEntryValueV1> directory(Inode inode) {
        if (!inode.isDir()) {
            throw new FsException(Errno.ENOTDIR, "inode " + Long.toUnsignedString(inode.number) + " is not a directory");
        }
        if (inode.directory == null) {
            inode.directory = inode.payloadObjectLength == 0
                    ? BPlusTree.create(settings.dirMaxKeysPerPage(), LayoutCodecs.NAME_KEYS,
                            LayoutCodecs.DIRECTORY_VALUES, new InodeNodes(inode, this), treeCache)
                    : BPlusTree.open(payload(inode), LayoutCodecs.NAME_KEYS, LayoutCodecs.DIRECTORY_VALUES,
                            new InodeNodes(inode, this), treeCache);
        }
        return inode.directory;
    }

    /** A file's extent map (opened on first use, or created for a new file). */
    BPlusTree<Long, ExtentMapEntryValueV1> extents(Inode inode) {
        if (!inode.isFile()) {
            throw new FsException(inode.isDir() ? Errno.EISDIR : Errno.EINVAL,
                    "inode " + Long.toUnsignedString(inode.number) + " is not a file");
        }
        if (inode.extents == null) {
            inode.extents = inode.payloadObjectLength == 0
                    ? BPlusTree.create(settings.fileMaxKeysPerPage(), LayoutCodecs.U64_KEYS,
                            LayoutCodecs.EXTENT_MAP_VALUES, new InodeNodes(inode, this), treeCache)
                    : BPlusTree.open(payload(inode), LayoutCodecs.U64_KEYS, LayoutCodecs.EXTENT_MAP_VALUES,
                            new InodeNodes(inode, this), treeCache);
        }
        return inode.extents;
    }

    private static NodeLocation payload(Inode inode) {
        return new NodeLocation(inode.payloadObjectNumber, inode.payloadObjectOffset, inode.payloadObjectLength);
    }

    /** Forgets a cached inode (its lease is going away); its trees are unloaded. */
    void drop(long number) {
        Inode i = inodes.remove(number);
        if (i != null) {
            purge(i.directory);
            purge(i.extents);
        }
    }

    /** Unloads a dropped tree's nodes from the shared page cache (a never-written tree has none to unload). */
    private static void purge(BPlusTree<?, ?> tree) {
        if (tree != null && tree.rootLocation().objectLength() != 0) {
            try {
                tree.purge(true);
            } catch (IllegalStateException e) {
                // dirty nodes (a tree changed but not written back): left to the cache's own eviction
            }
        }
    }

    /** The cached inodes with changes not yet written back. */
    List<Inode> dirtyInodes() {
        List<Inode> out = new ArrayList<>();
        for (Iterator<Inode> it = dirtyCandidates.iterator(); it.hasNext();) {
            Inode i = it.next();
            if (i.dirty && inodes.get(i.number) == i) {
                out.add(i);
            } else {
                it.remove();   // cleaned or no longer cached: watched again if cached and dirtied
            }
        }
        return out;
    }
}
