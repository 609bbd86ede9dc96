package io.proxyfs.imgr.rpc;

import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.imgr.lease.LeaseManager;
import io.proxyfs.imgr.volume.VolumeManager.OpenVolume;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What imgr's RPCs keep per mounted volume beside its metadata: the lease manager, the mounts,
 * and the open counts of inodes, so that an unlinked inode lives until its last close (the open
 * count lives here, in imgr, across all mounts). Thread-safe: open counts and the mount set are
 * guarded by this object.
 */
final class VolumeSession {
    final OpenVolume open;
    final LeaseManager leases;
    private final Set<Mount> mounts = new HashSet<>();
    private final Map<Long, Long> openCounts = new HashMap<>();
    private final Set<Long> deleteOnLastClose = new HashSet<>();

    VolumeSession(OpenVolume open, LeaseManager leases) {
        this.open = open;
        this.leases = leases;
    }

    synchronized void add(Mount mount) {
        mounts.add(mount);
    }

    synchronized Set<Mount> mounts() {
        return Set.copyOf(mounts);
    }

    synchronized int openEntries() {
        return openCounts.size();
    }

    /**
     * Adds {@code adjustment} to the mount's and the inode's open count; returns whether the
     * inode is to be deleted now (its last close, after an unlink).
     */
    synchronized boolean adjustOpenCount(Mount mount, long inode, long adjustment, long openFileLimit)
            throws RpcRefusal {
        long mine = mount.opens.getOrDefault(inode, 0L);
        long total = openCounts.getOrDefault(inode, 0L);
        if (adjustment == 0 || mine + adjustment < 0) {
            throw new RpcRefusal(io.proxyfs.imgrapi.ImgrError.BAD_OPEN_COUNT_ADJUSTMENT, String.format(
                    "inode %016X: open count %d of this mount cannot change by %d", inode, mine, adjustment));
        }
        if (total == 0 && openCounts.size() >= openFileLimit) {
            throw new RpcRefusal(io.proxyfs.imgrapi.ImgrError.TOO_MANY_OPENS, String.format(
                    "inode %016X: %d inodes are open (OpenFileLimit)", inode, openCounts.size()));
        }
        set(mount.opens, inode, mine + adjustment);
        set(openCounts, inode, total + adjustment);
        return total + adjustment == 0 && deleteOnLastClose.remove(inode);
    }

    /** Marks an inode to be deleted on its last close; returns false (delete now) when nobody has it open. */
    synchronized boolean deferDelete(long inode) {
        if (openCounts.getOrDefault(inode, 0L) > 0) {
            deleteOnLastClose.add(inode);
            return true;
        }
        return false;
    }

    /** Forgets a mount and its opens; returns the inodes whose last close this was and that are to be deleted. */
    synchronized Set<Long> remove(Mount mount) {
        mounts.remove(mount);
        Set<Long> toDelete = new HashSet<>();
        for (Map.Entry<Long, Long> e : mount.opens.entrySet()) {
            long total = openCounts.getOrDefault(e.getKey(), 0L) - e.getValue();
            set(openCounts, e.getKey(), total);
            if (total <= 0 && deleteOnLastClose.remove(e.getKey())) {
                toDelete.add(e.getKey());
            }
        }
        mount.opens.clear();
        return toDelete;
    }

    /** Removes an inode from the table and reclaims its objects. */
    void delete(long inode) throws IOException {
        Optional<InodeTableEntryValueV1> old = open.volume().removeInodeTableEntry(inode);
        if (old.isPresent()) {
            open.volume().reclaim(inode, old.get());
        }
    }

    private static void set(Map<Long, Long> map, long key, long value) {
        if (value <= 0) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
