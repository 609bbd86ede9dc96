package io.proxyfs.imgr.http;

import io.proxyfs.imgr.lease.LeaseSnapshot;
import io.proxyfs.imgr.rpc.MountSummary;
import java.util.List;
import java.util.Optional;

/**
 * What the status routes show of a volume's clients: its mounts and its leases, as the RPC side
 * knows them. Implementations are thread-safe.
 */
public interface MountDirectory {
    /** The volume's mounts, none when it has none. */
    List<MountSummary> mounts(String volumeName);

    /** The volume's leases, empty when it has no mounts. */
    Optional<LeaseSnapshot> leases(String volumeName);

    /** A directory with no mounts, for an imgr part that runs without the RPC side (tests). */
    MountDirectory NONE = new MountDirectory() {
        @Override
        public List<MountSummary> mounts(String volumeName) {
            return List.of();
        }

        @Override
        public Optional<LeaseSnapshot> leases(String volumeName) {
            return Optional.empty();
        }
    };
}
