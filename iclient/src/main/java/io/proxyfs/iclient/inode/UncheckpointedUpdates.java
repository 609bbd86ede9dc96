package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.imgrapi.ImgrError;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inode-table updates (PutInodeTableEntries, DeleteInodeTableEntry) imgr accepted from this
 * mount since the last checkpoint the mount asked for. imgr holds them in memory until a
 * checkpoint: if it is killed first, they are gone, while iclient believes them done (its inodes
 * are clean and are dropped on the new mount), so a rename or write that returned would be undone
 * and a later close would report durable what is not. After imgr forgot the mount, {@link #ensureReplayed}
 * finds which of them the restarted imgr lacks (the newest update whose inode head imgr already
 * has, or a newer one, survived with every update before it: heads are nonces, handed out in
 * increasing order) and sends the rest again, in order, then asks for a checkpoint (as an NFS
 * client sends its uncommitted writes again when the server's verifier changed). A port addition
 * (PORTING.md).
 *
 * <p>Not thread-safe: used with the file-system lock held.
 */
final class UncheckpointedUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(UncheckpointedUpdates.class);

    /** One accepted update, numbered by the mount's table-change counter. */
    private sealed interface Update permits Put, Delete {
        long change();
    }

    private record Put(long change, List<PutInodeTableEntry> entries, long objectCount, long bytesWritten,
            long bytesReferenced, List<Long> dereferenced) implements Update {
    }

    private record Delete(long change, long inode) implements Update {
    }

    private final List<Update> updates = new ArrayList<>();
    private boolean replayNeeded;
    private boolean replaying;
    private long replays;
    private long replayed;

    /** imgr accepted this PutInodeTableEntries (table change number {@code change}). */
    void put(long change, List<PutInodeTableEntry> entries, long objectCount, long bytesWritten,
            long bytesReferenced, List<Long> dereferenced) {
        updates.add(new Put(change, List.copyOf(entries), objectCount, bytesWritten, bytesReferenced,
                List.copyOf(dereferenced)));
    }

    /** imgr accepted this DeleteInodeTableEntry. */
    void delete(long change, long inode) {
        updates.add(new Delete(change, inode));
    }

    /** A checkpoint asked for after table change {@code upTo} succeeded: what came before is durable. */
    void checkpointed(long upTo) {
        if (!replayNeeded) {
            updates.removeIf(u -> u.change() <= upTo);
        }
    }

    /** imgr forgot this mount (restarted, or unmounted it): what it had not checkpointed may be gone. */
    void mountLost() {
        if (!updates.isEmpty()) {
            replayNeeded = true;
        }
    }

    /**
     * With the file-system lock held: makes sure nothing imgr lost is missing before more updates
     * go to it (a newer update on top of a lost one would hide the loss from {@link #replay}),
     * replaying a few times if needed (a remount during a replay loops instead of nesting).
     * Called while a replay runs (a write-back a lease surrender makes meanwhile), returns at once.
     *
     * @throws IOException when the lost updates could not be sent again
     */
    void ensureReplayed(FsContext ctx) throws IOException {
        if (!replayNeeded || replaying) {
            return;
        }
        replaying = true;
        Exception last = null;
        try {
            for (int attempt = 0; attempt < 3 && replayNeeded; attempt++) {
                try {
                    replay(ctx.imgr, ctx.leases);
                    ctx.flushedChanges.accumulateAndGet(ctx.tableChanges.get(), Math::max);
                } catch (IOException | ImgrRpcException | RuntimeException e) {
                    last = e;
                    LOG.warn("cannot send the table updates imgr lost again yet: {}", e.toString());
                }
            }
        } finally {
            replaying = false;
        }
        if (replayNeeded) {
            throw new IOException("imgr lost table updates of this mount in a restart and they could not be sent"
                    + " again yet", last);
        }
    }

    /**
     * Sends again what the restarted imgr lacks, taking Exclusive leases on the inodes first, and
     * asks for a checkpoint. Throws (and stays needed) when imgr cannot be reached or forgets the
     * mount again meanwhile.
     */
    private void replay(ImgrClient imgr, LeaseTable leases) throws IOException, ImgrRpcException {
        if (!replayNeeded) {
            return;
        }
        TreeSet<Long> inodes = new TreeSet<>(Long::compareUnsigned);
        for (Update u : updates) {
            if (u instanceof Put p) {
                for (PutInodeTableEntry e : p.entries()) {
                    inodes.add(e.inodeNumber());
                }
            } else if (u instanceof Delete d) {
                inodes.add(d.inode());
            }
        }
        for (long n : inodes) {
            leases.acquire(n, LeaseState.EXCLUSIVE);
        }
        int from = firstLost(imgr);
        for (Update u : updates.subList(from, updates.size())) {
            if (u instanceof Put p) {
                imgr.putInodeTableEntries(p.entries(), p.objectCount(), p.bytesWritten(), p.bytesReferenced(),
                        p.dereferenced());
            } else if (u instanceof Delete d) {
                try {
                    imgr.deleteInodeTableEntry(d.inode());
                } catch (ImgrRpcException e) {
                    if (!e.is(ImgrError.UNKNOWN_INODE_NUMBER)) {
                        throw e;
                    }
                }
            }
        }
        imgr.flush();
        if (from < updates.size()) {
            LOG.warn("imgr lost {} of this mount's {} table updates that were not checkpointed: sent them again",
                    updates.size() - from, updates.size());
        } else {
            LOG.info("imgr had checkpointed all {} table updates of this mount it was not asked to", updates.size());
        }
        replays++;
        replayed += updates.size() - from;
        updates.clear();
        replayNeeded = false;
    }

    /** The index of the first update the restarted imgr lacks. */
    private int firstLost(ImgrClient imgr) throws IOException, ImgrRpcException {
        for (int k = updates.size() - 1; k >= 0; k--) {
            if (updates.get(k) instanceof Put p) {
                PutInodeTableEntry e = p.entries().get(0);
                long head;
                try {
                    head = imgr.getInodeTableEntry(e.inodeNumber()).inodeHeadObjectNumber();
                } catch (ImgrRpcException x) {
                    if (x.is(ImgrError.UNKNOWN_INODE_NUMBER)) {
                        continue;                        // a new inode imgr never checkpointed
                    }
                    throw x;
                }
                if (Long.compareUnsigned(head, e.inodeHeadObjectNumber()) >= 0) {
                    return k + 1;
                }
            }
        }
        return 0;
    }

    /** Counters for /stats. */
    Map<String, Long> stats() {
        return Map.of("uncheckpointedUpdates", (long) updates.size(), "updateReplays", replays,
                "updatesReplayed", replayed);
    }
}
