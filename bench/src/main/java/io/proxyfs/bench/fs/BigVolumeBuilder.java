package io.proxyfs.bench.fs;

import io.proxyfs.bench.imgr.ImgrMount;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgrapi.FetchNonceRangeRequest;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.FlushRequest;
import io.proxyfs.imgrapi.FlushResponse;
import io.proxyfs.imgrapi.GetInodeTableEntryRequest;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a freshly formatted volume with {@code inodes} inodes through imgr's real RPC, as a client
 * would: mounted, inode numbers from FetchNonceRange, an Exclusive lease on every inode it writes,
 * one real object per inode in Swift (the format puts one inode head at the tail of an object: an
 * empty file's object is its head alone, a directory's object is its entry B+tree followed by its
 * head), then PutInodeTableEntries of a whole directory (the directory and its files) in one call
 * with the superblock's accounting adjustments (every object holding a head counts; only B+tree
 * bytes are written and referenced, as {@code icheck} checks them), the leases released, and finally a new root
 * directory naming every subdirectory (the formatted root object dereferenced) and a Flush. The
 * tree: the root holds directories {@code dNNNNNN}, each holding up to {@code filesPerDir} empty
 * files {@code fNNNNNN} (mode 0644); the link tables are those iclient writes ("." and the parent's
 * entry for a directory, the subdirectories' ".." on the root). An inode's number is also its head
 * object's number (both are nonces). Not thread-safe: one {@link #build} at a time.
 */
final class BigVolumeBuilder {
    /** What was built: the numbers the benchmark reports and the path of one file deep in the tree. */
    record Built(long inodes, long dirs, long files, long objects, String deepFile) {
    }

    private static final int DIR_KEYS_PER_PAGE = 1024;
    private static final int FILE_MODE = 0644;
    private static final int DIR_MODE = 0755;

    private final ImgrMount mount;
    private final SwiftClient swift;
    private final String container;
    private final int threads;
    private long nextNonce;
    private long noncesLeft;

    BigVolumeBuilder(ImgrMount mount, SwiftClient swift, String container, int threads) {
        this.mount = mount;
        this.swift = swift;
        this.container = container;
        this.threads = threads;
    }

    /** Builds {@code inodes} inodes in total (root included, at least 3) in directories of {@code filesPerDir} files. */
    Built build(long inodes, int filesPerDir) throws Exception {
        if (inodes < 3 || filesPerDir < 1) {
            throw new IllegalArgumentException("need at least 3 inodes and 1 file per directory");
        }
        long dirs = (inodes - 1 + filesPerDir) / (filesPerDir + 1);
        long files = inodes - 1 - dirs;
        long now = System.currentTimeMillis() * 1_000_000L;
        List<Long> dirInodes = new ArrayList<>();
        String deepFile;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> done = new ArrayList<>();
            long filesLeft = files;
            int lastCount = 0;
            for (long d = 0; d < dirs; d++) {
                int count = (int) Math.min(filesLeft / (dirs - d) + (filesLeft % (dirs - d) == 0 ? 0 : 1), filesPerDir);
                filesLeft -= count;
                lastCount = count;
                String name = dirName(d);
                done.add(pool.submit(() -> writeDirectory(name, count, now)));
            }
            for (Future<Long> f : done) {
                dirInodes.add(f.get());
            }
            deepFile = "/" + dirName(dirs - 1) + (lastCount > 0 ? "/" + fileName(lastCount - 1) : "");
        } finally {
            pool.shutdownNow();
        }
        writeRoot(dirInodes, now);
        mount.client().call(ImgrMethods.FLUSH, new FlushRequest(mount.mountId()), FlushResponse.class);
        return new Built(inodes, dirs, files, inodes, deepFile);
    }

    static String dirName(long d) {
        return String.format("d%06d", d);
    }

    static String fileName(long f) {
        return String.format("f%06d", f);
    }

    /** One directory and its files: objects PUT, one PutInodeTableEntries, leases released. Returns its inode. */
    private long writeDirectory(String name, int count, long now) throws Exception {
        long[] numbers = nonces(count + 1);
        long dir = numbers[0];
        lease(numbers, LeaseRequestType.EXCLUSIVE);
        List<PutInodeTableEntry> entries = new ArrayList<>(count + 1);
        ObjectBuilder dirObject = new ObjectBuilder(dir);
        BPlusTree<String, DirectoryEntryValueV1> tree = BPlusTree.create(DIR_KEYS_PER_PAGE, LayoutCodecs.NAME_KEYS,
                LayoutCodecs.DIRECTORY_VALUES, dirObject.nodeSink(), null);
        tree.put(".", new DirectoryEntryValueV1(dir, InodeType.DIR));
        tree.put("..", new DirectoryEntryValueV1(LayoutConstants.ROOT_DIR_INODE_NUMBER, InodeType.DIR));
        for (int f = 0; f < count; f++) {
            long file = numbers[f + 1];
            String fileName = fileName(f);
            tree.put(fileName, new DirectoryEntryValueV1(file, InodeType.FILE));
            byte[] head = new InodeHeadV1(file, InodeType.FILE, List.of(new InodeLinkTableEntry(dir, fileName)), 0, now,
                    now, FILE_MODE, 0, 0, List.of(), 0, 0, 0, "", List.of()).marshal();
            swift.putObject(container, ObjectNames.nameOf(file), head);
            entries.add(new PutInodeTableEntry(file, file, head.length));
        }
        NodeLocation root = tree.flush(false);
        long treeBytes = dirObject.size();
        byte[] head = new InodeHeadV1(dir, InodeType.DIR, List.of(new InodeLinkTableEntry(LayoutConstants.ROOT_DIR_INODE_NUMBER,
                name), new InodeLinkTableEntry(dir, ".")), 0, now, now, DIR_MODE, 0, 0, List.of(), root.objectNumber(),
                root.objectOffset(), root.objectLength(), "", List.of(new LayoutEntryV1(dir, treeBytes, treeBytes))).marshal();
        dirObject.append(head);
        swift.putObject(container, ObjectNames.nameOf(dir), dirObject.toByteArray());
        entries.add(new PutInodeTableEntry(dir, dir, head.length));
        mount.client().call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(mount.mountId(), entries,
                count + 1, treeBytes, treeBytes, List.of()), PutInodeTableEntriesResponse.class);
        lease(numbers, LeaseRequestType.RELEASE);
        return dir;
    }

    /** A new root directory naming every subdirectory; the formatted root's object is dereferenced. */
    private void writeRoot(List<Long> dirInodes, long now) throws Exception {
        long rootInode = LayoutConstants.ROOT_DIR_INODE_NUMBER;
        lease(new long[] {rootInode}, LeaseRequestType.EXCLUSIVE);
        GetInodeTableEntryResponse old = mount.client().call(ImgrMethods.GET_INODE_TABLE_ENTRY,
                new GetInodeTableEntryRequest(mount.mountId(), rootInode), GetInodeTableEntryResponse.class);
        InodeHeadV1 oldHead = InodeHeadV1.unmarshal(swift.getObjectTail(container,
                ObjectNames.nameOf(old.inodeHeadObjectNumber()), old.inodeHeadLength()));
        long object = nonces(1)[0];
        ObjectBuilder rootObject = new ObjectBuilder(object);
        BPlusTree<String, DirectoryEntryValueV1> tree = BPlusTree.create(DIR_KEYS_PER_PAGE, LayoutCodecs.NAME_KEYS,
                LayoutCodecs.DIRECTORY_VALUES, rootObject.nodeSink(), null);
        tree.put(".", new DirectoryEntryValueV1(rootInode, InodeType.DIR));
        tree.put("..", new DirectoryEntryValueV1(rootInode, InodeType.DIR));
        List<InodeLinkTableEntry> links = new ArrayList<>(List.of(new InodeLinkTableEntry(rootInode, "."),
                new InodeLinkTableEntry(rootInode, "..")));
        for (int d = 0; d < dirInodes.size(); d++) {
            tree.put(dirName(d), new DirectoryEntryValueV1(dirInodes.get(d), InodeType.DIR));
            links.add(new InodeLinkTableEntry(dirInodes.get(d), ".."));
        }
        links.sort((a, b) -> a.parentDirInodeNumber() != b.parentDirInodeNumber()
                ? Long.compareUnsigned(a.parentDirInodeNumber(), b.parentDirInodeNumber())
                : a.parentDirEntryName().compareTo(b.parentDirEntryName()));
        NodeLocation root = tree.flush(false);
        long treeBytes = rootObject.size();
        byte[] head = new InodeHeadV1(rootInode, InodeType.DIR, links, 0, now, now, oldHead.mode(), oldHead.userId(),
                oldHead.groupId(), oldHead.streamTable(), root.objectNumber(), root.objectOffset(), root.objectLength(), "",
                List.of(new LayoutEntryV1(object, treeBytes, treeBytes))).marshal();
        rootObject.append(head);
        swift.putObject(container, ObjectNames.nameOf(object), rootObject.toByteArray());
        long oldWritten = oldHead.layout().stream().mapToLong(LayoutEntryV1::bytesWritten).sum();
        long oldReferenced = oldHead.layout().stream().mapToLong(LayoutEntryV1::bytesReferenced).sum();
        List<Long> dereferenced = new ArrayList<>();
        oldHead.layout().forEach(e -> dereferenced.add(e.objectNumber()));
        if (!dereferenced.contains(old.inodeHeadObjectNumber())) {
            dereferenced.add(old.inodeHeadObjectNumber());
        }
        long oldObjects = dereferenced.size();
        mount.client().call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(mount.mountId(),
                List.of(new PutInodeTableEntry(rootInode, object, head.length)), 1 - oldObjects, treeBytes - oldWritten,
                treeBytes - oldReferenced, dereferenced), PutInodeTableEntriesResponse.class);
        lease(new long[] {rootInode}, LeaseRequestType.RELEASE);
    }

    private void lease(long[] inodes, LeaseRequestType type) throws Exception {
        LeaseResponseType expected = type == LeaseRequestType.EXCLUSIVE ? LeaseResponseType.EXCLUSIVE
                : LeaseResponseType.RELEASED;
        for (long inode : inodes) {
            LeaseResponseType got = mount.client().call(ImgrMethods.LEASE, new LeaseRequest(mount.mountId(), inode, type),
                    LeaseResponse.class).leaseResponseType();
            if (got != expected) {
                throw new IOException("inode " + Long.toHexString(inode) + ": asked " + type + ", got " + got);
            }
        }
    }

    private synchronized long[] nonces(int count) throws Exception {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            if (noncesLeft == 0) {
                FetchNonceRangeResponse r = mount.client().call(ImgrMethods.FETCH_NONCE_RANGE,
                        new FetchNonceRangeRequest(mount.mountId()), FetchNonceRangeResponse.class);
                nextNonce = r.nextNonce();
                noncesLeft = r.numNoncesFetched();
            }
            out[i] = nextNonce++;
            noncesLeft--;
        }
        return out;
    }
}
