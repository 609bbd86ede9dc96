package io.proxyfs.bench.imgr;

import io.proxyfs.imgrapi.GetInodeTableEntryRequest;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The inode-table calls of the benchmark's caller threads against one server (imgr or the no-op
 * baseline): caller thread {@code t} uses connection {@code t % connections} and its own inodes,
 * so that every call is legal under the leases that connection's mount holds. Requests are built
 * once, so callers measure the RPC, not request construction. Every inode always points at the
 * same head ({@link #objectOf}), so GetInodeTableEntry replies from imgr are checked. Thread-safe
 * for distinct caller threads.
 */
final class InodeTableCalls {
    /** The head length every entry carries. */
    static final long HEAD_LENGTH = 174;

    private final List<ImgrMount> mounts;
    private final long[][] inodes;
    private final boolean check;
    private final PutInodeTableEntriesRequest[][] singles;
    private final PutInodeTableEntriesRequest[] batches;
    private final GetInodeTableEntryRequest[][] gets;

    /**
     * @param mounts the connections, shared round-robin by caller threads
     * @param inodes per caller thread, the inodes it may write
     * @param check whether to check GetInodeTableEntry replies (false for the no-op server)
     */
    InodeTableCalls(List<ImgrMount> mounts, long[][] inodes, boolean check) {
        this.mounts = mounts;
        this.inodes = inodes;
        this.check = check;
        singles = new PutInodeTableEntriesRequest[inodes.length][];
        batches = new PutInodeTableEntriesRequest[inodes.length];
        gets = new GetInodeTableEntryRequest[inodes.length][];
        for (int t = 0; t < inodes.length; t++) {
            String mountId = mount(t).mountId();
            List<PutInodeTableEntry> all = new ArrayList<>();
            singles[t] = new PutInodeTableEntriesRequest[inodes[t].length];
            gets[t] = new GetInodeTableEntryRequest[inodes[t].length];
            for (int i = 0; i < inodes[t].length; i++) {
                PutInodeTableEntry e = new PutInodeTableEntry(inodes[t][i], objectOf(inodes[t][i]), HEAD_LENGTH);
                all.add(e);
                singles[t][i] = new PutInodeTableEntriesRequest(mountId, List.of(e), 0, 0, 0, List.of());
                gets[t][i] = new GetInodeTableEntryRequest(mountId, inodes[t][i]);
            }
            batches[t] = new PutInodeTableEntriesRequest(mountId, all, 0, 0, 0, List.of());
        }
    }

    /** The head object every entry of {@code inode} points at. */
    static long objectOf(long inode) {
        return inode * 2;
    }

    /** Entries in one batched call. */
    int batchSize() {
        return inodes[0].length;
    }

    private ImgrMount mount(int thread) {
        return mounts.get(thread % mounts.size());
    }

    /** PutInodeTableEntries with one entry: the {@code n}-th inode of the thread, round-robin. */
    void putOne(int thread, long n) throws Exception {
        mount(thread).client().call(ImgrMethods.PUT_INODE_TABLE_ENTRIES,
                singles[thread][(int) (n % singles[thread].length)], PutInodeTableEntriesResponse.class);
    }

    /** PutInodeTableEntries with every inode of the thread. */
    void putBatch(int thread, long n) throws Exception {
        mount(thread).client().call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, batches[thread],
                PutInodeTableEntriesResponse.class);
    }

    /** GetInodeTableEntry of the {@code n}-th inode of the thread, round-robin. */
    void get(int thread, long n) throws Exception {
        GetInodeTableEntryRequest request = gets[thread][(int) (n % gets[thread].length)];
        GetInodeTableEntryResponse reply = mount(thread).client().call(ImgrMethods.GET_INODE_TABLE_ENTRY, request,
                GetInodeTableEntryResponse.class);
        if (check && (reply.inodeHeadObjectNumber() != objectOf(request.inodeNumber())
                || reply.inodeHeadLength() != HEAD_LENGTH)) {
            throw new IOException("inode " + Long.toHexString(request.inodeNumber()) + ": GetInodeTableEntry answered "
                    + reply + ", expected object " + Long.toHexString(objectOf(request.inodeNumber())));
        }
    }
}
