package io.proxyfs.imgr.volume;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.BPlusTreeException;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ObjectPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One served volume's metadata as imgr keeps it: the inode table (a paged B+tree whose nodes live
 * in the volume's objects), the superblock's accounting, the nonce reservation and the
 * checkpoint, following the original's {@code volume.go}.
 *
 * <p>Durability: a checkpoint writes the dirty inode-table nodes and a new superblock into a
 * fresh object, then rewrites the checkpoint text (object 0) to point at it. If that object's PUT
 * or the checkpoint write fails, the built object is kept and published first by the next
 * attempt, so a superblock naming nodes that are not in Swift is never published, and the tree's
 * in-memory state (which already refers to the new object) stays consistent with what will be
 * durable. Objects are deleted only once a durable superblock lists them as pending deletes, so
 * that a crash at any point leaves the last checkpoint whole.
 *
 * <p>Thread-safety: the volume's state is guarded by its monitor, which a checkpoint or a nonce
 * reservation never holds across Swift I/O, so inode-table RPCs go on while a checkpoint's object
 * and object 0 are being written (the original holds its global lock throughout); only reading an
 * inode-table node that is not cached happens under it. Writes of the checkpoint text (object 0) — by a
 * checkpoint or a nonce reservation — are serialized by a second lock, always taken before the
 * monitor. An inode-table node that a checkpoint wrote into its object is served from that
 * object's bytes in memory until the object is durable, so evicting it early is harmless. Object
 * deletes run on the given executor.
 */
public final class Volume {
    private static final Logger LOG = LoggerFactory.getLogger(Volume.class);

    private final String name;
    private final VolumeObjects objects;
    private final VolumeSettings settings;
    private final ExecutorService deleter;
    private final BPlusTree<Long, InodeTableEntryValueV1> inodeTable;
    /** Inode-table objects: number -> {bytes written, bytes referenced}, in unsigned order. */
    private final TreeMap<Long, long[]> inodeTableLayout = new TreeMap<>(Long::compareUnsigned);
    /** Unreferenced objects not yet listed by a durable superblock. */
    private final ArrayDeque<Long> awaitingCheckPoint = new ArrayDeque<>();
    /** Unreferenced objects a durable superblock lists: deletable now. */
    private final ArrayDeque<Long> deletable = new ArrayDeque<>();
    /**
     * Deletes that failed: tried again after the next checkpoint, not at once (a revoked token or
     * an unreachable Swift would otherwise make the deleters spin).
     */
    private final ArrayDeque<Long> failedDeletes = new ArrayDeque<>();
    private final Set<Long> activeDeletes = new HashSet<>();
    /** Pending deletes listed by the durable superblock, and how many of them are gone since. */
    private Set<Long> durablyListed = Set.of();
    private int durablyListedDeleted;

    private CheckPointV1 durable;
    private long reservedToNonce;
    private long inodeObjectCount;
    private long inodeBytesWritten;
    private long inodeBytesReferenced;
    private long checkPointObjectNumber;
    private ObjectBuilder building;
    /** Read by node fetches without the monitor (see {@link InodeTableStorage#getNode}). */
    private volatile Unpublished unpublished;
    /** Serializes checkpoints and every write of object 0; taken before the monitor, never after. */
    private final java.util.concurrent.locks.ReentrantLock checkPointLock =
            new java.util.concurrent.locks.ReentrantLock();
    private long nextNonce;
    private long noncesLeft;
    private boolean dirty;
    private long lastCheckPointNanos = System.nanoTime();

    /** A checkpoint built but not yet durable: its object, and the deletes it lists for the first time. */
    private static final class Unpublished {
        final long objectNumber;
        final byte[] object;
        final long superBlockLength;
        final List<Long> newlyListed;
        final Set<Long> listed;
        volatile boolean put;

        Unpublished(long objectNumber, byte[] object, long superBlockLength, List<Long> newlyListed,
                Set<Long> listed) {
            this.objectNumber = objectNumber;
            this.object = object;
            this.superBlockLength = superBlockLength;
            this.newlyListed = newlyListed;
            this.listed = listed;
        }
    }

    private Volume(String name, VolumeObjects objects, VolumeSettings settings, ExecutorService deleter,
            CheckPointV1 checkPoint, SuperBlockV1 superBlock) {
        this.name = name;
        this.objects = objects;
        this.settings = settings;
        this.deleter = deleter;
        this.durable = checkPoint;
        this.reservedToNonce = checkPoint.reservedToNonce();
        this.checkPointObjectNumber = checkPoint.superBlockObjectNumber();
        this.inodeObjectCount = superBlock.inodeObjectCount();
        this.inodeBytesWritten = superBlock.inodeBytesWritten();
        this.inodeBytesReferenced = superBlock.inodeBytesReferenced();
        for (LayoutEntryV1 e : superBlock.inodeTableLayout()) {
            inodeTableLayout.put(e.objectNumber(), new long[] {e.bytesWritten(), e.bytesReferenced()});
        }
        deletable.addAll(superBlock.pendingDeleteObjectNumberArray());
        durablyListed = new HashSet<>(superBlock.pendingDeleteObjectNumberArray());
        this.inodeTable = BPlusTree.open(new NodeLocation(superBlock.inodeTableRootObjectNumber(),
                superBlock.inodeTableRootObjectOffset(), superBlock.inodeTableRootObjectLength()),
                LayoutCodecs.U64_KEYS, LayoutCodecs.INODE_TABLE_VALUES, new InodeTableStorage(),
                settings.inodeTableCache());
    }

    /**
     * Opens a formatted volume: reads the checkpoint, the superblock it names and the inode
     * table's root; other inode-table nodes are read when needed. Deletes that the superblock
     * lists as pending are started at once.
     */
    public static Volume open(String name, VolumeObjects objects, VolumeSettings settings, ExecutorService deleter)
            throws IOException {
        CheckPointV1 checkPoint;
        SuperBlockV1 superBlock;
        try {
            checkPoint = CheckPointV1.unmarshal(objects.readCheckPoint());
        } catch (LayoutException e) {
            throw new VolumeException(name, "bad checkpoint (object 0)", e);
        }
        try {
            superBlock = SuperBlockV1.unmarshal(objects.getTail(checkPoint.superBlockObjectNumber(),
                    checkPoint.superBlockLength()));
        } catch (LayoutException e) {
            throw new VolumeException(name, "bad superblock in object "
                    + Long.toHexString(checkPoint.superBlockObjectNumber()), e);
        }
        Volume volume;
        try {
            volume = new Volume(name, objects, settings, deleter, checkPoint, superBlock);
        } catch (BPlusTreeException e) {
            throw new VolumeException(name, "bad inode-table root", e);
        } catch (UncheckedIOException e) {
            throw new VolumeException(name, "cannot read the inode-table root", e.getCause());
        }
        synchronized (volume) {
            volume.startDeletes();
        }
        return volume;
    }

    /** The volume's name. */
    public String name() {
        return name;
    }

    /** Where an inode's head is, if the inode exists. */
    public synchronized Optional<InodeTableEntryValueV1> getInodeTableEntry(long inodeNumber) throws IOException {
        return Optional.ofNullable(treeCall("read the inode table", () -> inodeTable.get(inodeNumber)));
    }

    /**
     * Points the listed inodes at their new heads, adjusts the superblock's accounting and takes
     * note of the objects the client no longer references (deleted after the next checkpoint).
     * The adjustments and dereferenced objects are applied only after every entry is in place.
     */
    public synchronized void putInodeTableEntries(List<PutInodeTableEntry> entries, long objectCountAdjustment,
            long bytesWrittenAdjustment, long bytesReferencedAdjustment, List<Long> dereferencedObjects)
            throws IOException {
        treeCall("update the inode table", () -> {
            for (PutInodeTableEntry e : entries) {
                InodeTableEntryValueV1 value = new InodeTableEntryValueV1(e.inodeHeadObjectNumber(),
                        e.inodeHeadLength());
                if (!inodeTable.put(e.inodeNumber(), value)) {
                    inodeTable.patch(e.inodeNumber(), value);
                }
            }
            return null;
        });
        inodeObjectCount = adjust("InodeObjectCount", inodeObjectCount, objectCountAdjustment);
        inodeBytesWritten = adjust("InodeBytesWritten", inodeBytesWritten, bytesWrittenAdjustment);
        inodeBytesReferenced = adjust("InodeBytesReferenced", inodeBytesReferenced, bytesReferencedAdjustment);
        awaitingCheckPoint.addAll(dereferencedObjects);
        dirty = true;
    }

    /** Removes an inode from the table; returns where its head was, if it existed. */
    public synchronized Optional<InodeTableEntryValueV1> removeInodeTableEntry(long inodeNumber) throws IOException {
        InodeTableEntryValueV1 old = treeCall("read the inode table", () -> inodeTable.get(inodeNumber));
        if (old != null) {
            treeCall("update the inode table", () -> inodeTable.delete(inodeNumber));
            dirty = true;
        }
        return Optional.ofNullable(old);
    }

    /**
     * Takes a removed inode's objects out of the accounting and queues them (its head's object and
     * every object of its layout) for deletion once a checkpoint no longer references them. In this
     * format each object belongs to one inode, so nothing else can still need them.
     */
    public void reclaim(long inodeNumber, InodeTableEntryValueV1 head) throws IOException {
        io.proxyfs.ilayout.InodeHeadV1 inode;
        try {
            inode = io.proxyfs.ilayout.InodeHeadV1.unmarshal(objects.getTail(head.inodeHeadObjectNumber(),
                    head.inodeHeadLength()));
        } catch (LayoutException e) {
            throw new VolumeException(name, "bad inode head of inode " + Long.toUnsignedString(inodeNumber), e);
        }
        Set<Long> reclaimed = new LinkedHashSet<>();
        reclaimed.add(head.inodeHeadObjectNumber());
        long written = 0;
        long referenced = 0;
        for (LayoutEntryV1 e : inode.layout()) {
            reclaimed.add(e.objectNumber());
            written += e.bytesWritten();
            referenced += e.bytesReferenced();
        }
        synchronized (this) {
            inodeObjectCount = adjust("InodeObjectCount", inodeObjectCount, -reclaimed.size());
            inodeBytesWritten = adjust("InodeBytesWritten", inodeBytesWritten, -written);
            inodeBytesReferenced = adjust("InodeBytesReferenced", inodeBytesReferenced, -referenced);
            awaitingCheckPoint.addAll(reclaimed);
            dirty = true;
        }
    }

    /**
     * Reserves {@code count} nonces: records the new ReservedToNonce in the checkpoint before
     * answering, so that no nonce is ever handed out twice, even across a crash.
     */
    public NonceRange fetchNonceRange(long count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        checkPointLock.lock();
        try {
            long first;
            long last;
            CheckPointV1 next;
            synchronized (this) {
                first = reservedToNonce + 1;
                last = reservedToNonce + count;
                if (Long.compareUnsigned(first, reservedToNonce) <= 0
                        || Long.compareUnsigned(last, reservedToNonce) <= 0) {
                    throw new VolumeException(name, "nonces exhausted (ReservedToNonce "
                            + Long.toUnsignedString(reservedToNonce) + ")");
                }
                next = new CheckPointV1(durable.superBlockObjectNumber(), durable.superBlockLength(), last);
            }
            writeCheckPoint(next);
            synchronized (this) {
                reservedToNonce = last;
            }
            return new NonceRange(first, count);
        } finally {
            checkPointLock.unlock();
        }
    }

    /** Whether a checkpoint would write anything. */
    public synchronized boolean needsCheckPoint() {
        return unpublished != null || dirty || durablyListedDeleted >= 2;
    }

    /**
     * Makes everything done so far durable: publishes a checkpoint left unpublished by an earlier
     * failure, then, if anything changed, writes the dirty inode-table nodes and a new superblock
     * into a new object and points the checkpoint at it; then starts deleting what it lists as
     * pending deletes. Does nothing when nothing changed. The object is built under the monitor
     * (in memory only); it is written, and object 0 rewritten, without it.
     */
    public void checkPoint() throws IOException {
        checkPointLock.lock();
        try {
            publishUnpublished();
            synchronized (this) {
                if (!dirty && durablyListedDeleted < 2) {
                    return;
                }
            }
            long objectNumber = takeNonce();
            synchronized (this) {
                build(objectNumber);
            }
            publishUnpublished();
        } finally {
            checkPointLock.unlock();
        }
    }

    /** Builds the checkpoint object {@code objectNumber} into {@link #unpublished}; memory only. */
    private void build(long objectNumber) throws VolumeException {
        long previous = checkPointObjectNumber;
        ObjectBuilder object = new ObjectBuilder(objectNumber);
        building = object;
        checkPointObjectNumber = objectNumber;
        NodeLocation root;
        try {
            root = treeCall("flush the inode table", () -> {
                NodeLocation r = inodeTable.flush(false);
                inodeTable.prune();
                return r;
            });
        } finally {
            building = null;
        }
        // The previous superblock's object goes once this checkpoint is durable, unless inode-table
        // nodes in it are still referenced or it is listed already.
        if (!inodeTableLayout.containsKey(previous) && !awaitingCheckPoint.contains(previous)
                && !deletable.contains(previous) && !activeDeletes.contains(previous)
                && !failedDeletes.contains(previous)) {
            awaitingCheckPoint.add(previous);
        }
        List<Long> newlyListed = new ArrayList<>(awaitingCheckPoint);
        awaitingCheckPoint.clear();
        Set<Long> listed = new LinkedHashSet<>(activeDeletes);
        listed.addAll(deletable);
        listed.addAll(failedDeletes);
        listed.addAll(newlyListed);
        List<LayoutEntryV1> layout = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : inodeTableLayout.entrySet()) {
            layout.add(new LayoutEntryV1(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        SuperBlockV1 superBlock = new SuperBlockV1(root.objectNumber(), root.objectOffset(), root.objectLength(),
                layout, inodeObjectCount, inodeBytesWritten, inodeBytesReferenced, List.copyOf(listed));
        byte[] superBlockBytes = superBlock.marshal();
        object.append(superBlockBytes);
        unpublished = new Unpublished(objectNumber, object.toByteArray(), superBlockBytes.length, newlyListed,
                listed);
        dirty = false;
    }

    /** The figures for VolumeStatus and the status pages. */
    public synchronized VolumeStatus status() {
        return new VolumeStatus(inodeTable.size(), inodeObjectCount, inodeBytesWritten, inodeBytesReferenced,
                inodeTableLayout.size(), awaitingCheckPoint.size() + deletable.size() + activeDeletes.size() + failedDeletes.size(),
                reservedToNonce, lastCheckPointNanos);
    }

    /** The last checkpoint written to object 0. */
    public synchronized CheckPointV1 durableCheckPoint() {
        return durable;
    }

    /** Writes the unpublished checkpoint's object and then object 0; the caller holds {@link #checkPointLock}. */
    private void publishUnpublished() throws IOException {
        Unpublished u = unpublished;
        if (u == null) {
            return;
        }
        if (!u.put) {
            try {
                objects.put(u.objectNumber, u.object);
            } catch (IOException e) {
                throw new VolumeException(name, "checkpoint object " + Long.toHexString(u.objectNumber)
                        + " not written (kept for the next attempt)", e);
            }
            u.put = true;
        }
        long reserved;
        synchronized (this) {
            reserved = reservedToNonce;
        }
        writeCheckPoint(new CheckPointV1(u.objectNumber, u.superBlockLength, reserved));
        synchronized (this) {
            unpublished = null;
            lastCheckPointNanos = System.nanoTime();
            deletable.addAll(u.newlyListed);
            deletable.addAll(failedDeletes);
            failedDeletes.clear();
            durablyListed = u.listed;
            durablyListedDeleted = 0;
            startDeletes();
        }
    }

    /** Rewrites object 0; the caller holds {@link #checkPointLock} and not the monitor. */
    private void writeCheckPoint(CheckPointV1 checkPoint) throws IOException {
        try {
            objects.writeCheckPoint(checkPoint.toText().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new VolumeException(name, "checkpoint (object 0) not written", e);
        }
        synchronized (this) {
            durable = checkPoint;
        }
    }

    /** The next of imgr's own nonces (checkpoint objects); the caller holds {@link #checkPointLock}. */
    private long takeNonce() throws IOException {
        if (noncesLeft == 0) {
            NonceRange range = fetchNonceRange(settings.fetchNonceRangeToReturn());
            nextNonce = range.next();
            noncesLeft = range.count();
        }
        noncesLeft--;
        return nextNonce++;
    }

    private void startDeletes() {
        while (activeDeletes.size() < settings.parallelObjectDeleteLimit() && !deletable.isEmpty()) {
            long objectNumber = deletable.poll();
            activeDeletes.add(objectNumber);
            try {
                deleter.execute(() -> delete(objectNumber));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // imgr is stopping: the durable superblock still lists the object; the next start deletes it
                activeDeletes.remove(objectNumber);
                deletable.addFirst(objectNumber);
                return;
            }
        }
    }

    private void delete(long objectNumber) {
        boolean done;
        try {
            objects.delete(objectNumber);
            done = true;
        } catch (IOException e) {
            LOG.warn("volume {}: deleting object {} failed, will retry after the next checkpoint: {}", name,
                    Long.toHexString(objectNumber), e.getMessage());
            done = false;
        }
        synchronized (this) {
            activeDeletes.remove(objectNumber);
            if (!done) {
                failedDeletes.add(objectNumber);
            } else if (durablyListed.contains(objectNumber)) {
                durablyListedDeleted++;
            }
            startDeletes();
        }
    }

    private long adjust(String field, long value, long adjustment) {
        long result = value + adjustment;
        if (adjustment < 0 && Long.compareUnsigned(result, value) > 0) {
            LOG.warn("volume {}: {} adjustment {} would go below zero from {}; kept at 0", name, field, adjustment,
                    Long.toUnsignedString(value));
            return 0;
        }
        return result;
    }

    /** A B+tree operation, with its storage failures turned into this volume's exceptions. */
    private <T> T treeCall(String what, TreeOperation<T> operation) throws VolumeException {
        try {
            return operation.run();
        } catch (UncheckedIOException e) {
            throw new VolumeException(name, "cannot " + what, e.getCause());
        } catch (BPlusTreeException e) {
            throw new VolumeException(name, "cannot " + what, e);
        }
    }

    @FunctionalInterface
    private interface TreeOperation<T> {
        T run();
    }

    /** The inode table's node storage: reads from the volume's objects, writes into the checkpoint object being built. */
    private final class InodeTableStorage implements BPlusTreeCallbacks {
        private final ReadOnlyNodes reader = new ReadOnlyNodes(objects);

        @Override
        public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
            Unpublished u = unpublished;
            if (u != null && u.objectNumber == objectNumber) {
                // Written by a checkpoint whose object is not durable yet: not readable from Swift.
                return java.util.Arrays.copyOfRange(u.object, (int) objectOffset, (int) (objectOffset + objectLength));
            }
            return reader.getNode(objectNumber, objectOffset, objectLength);
        }

        @Override
        public ObjectPosition putNode(byte[] node) {
            if (building == null) {
                throw new IllegalStateException("inode-table node written outside a checkpoint");
            }
            long[] entry = inodeTableLayout.computeIfAbsent(building.objectNumber(), k -> new long[2]);
            entry[0] += node.length;
            entry[1] += node.length;
            return building.append(node);
        }

        @Override
        public void discardNode(long objectNumber, long objectOffset, long objectLength) {
            long[] entry = inodeTableLayout.get(objectNumber);
            if (entry == null || Long.compareUnsigned(entry[1], objectLength) < 0) {
                throw new IllegalStateException("volume " + name + ": inode-table layout has no " + objectLength
                        + " referenced bytes in object " + Long.toHexString(objectNumber) + " to discard");
            }
            entry[1] -= objectLength;
            if (entry[1] == 0) {
                inodeTableLayout.remove(objectNumber);
                awaitingCheckPoint.add(objectNumber);
            }
        }
    }
}
