package io.proxyfs.imgr.http;

import io.proxyfs.httpstatus.Endpoint;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.MetricRegistry;
import io.proxyfs.imgr.lease.InodeLeaseState;
import io.proxyfs.imgr.lease.LeaseSnapshot;
import io.proxyfs.imgr.rpc.MountSummary;
import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.retryrpc.RpcCallObserver;
import io.proxyfs.swift.SwiftRequestObserver;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * imgr's {@code GET /metrics} (Prometheus text 0.0.4): RPC counts and latencies per method, Swift
 * requests per verb and status class with latencies and bytes, and per served volume its mounts,
 * leases by state, inodes, objects, bytes, pending deletes, checkpoints and checkpoint age (read
 * at each scrape). Thread-safe.
 */
public final class ImgrMetrics {
    private final MetricRegistry registry;
    private final Supplier<List<VolumeInfo>> volumes;
    private final MountDirectory mounts;
    private final Set<String> seenVolumes = new HashSet<>();

    /**
     * @param registry where the metrics go (shared with others, e.g. the ickpt client's)
     * @param volumes  the served volumes, read at each scrape
     * @param mounts   their mounts and leases, read at each scrape
     */
    public ImgrMetrics(MetricRegistry registry, Supplier<List<VolumeInfo>> volumes, MountDirectory mounts) {
        this.registry = registry;
        this.volumes = volumes;
        this.mounts = mounts;
    }

    /** Counts and times every RPC the server runs. */
    public RpcCallObserver rpcObserver() {
        return (method, nanos, ok) -> {
            registry.histogram("imgr_rpc_duration_seconds", "RPC latency by method", "method", method)
                    .observeNanos(nanos);
            if (!ok) {
                registry.counter("imgr_rpc_errors_total", "RPCs answered with an error, by method", "method", method)
                        .inc();
            }
        };
    }

    /** Counts and times every Swift request the volumes make. */
    public SwiftRequestObserver swiftObserver() {
        return SwiftRequestObserver.counting(registry, "imgr");
    }

    /** The {@code /metrics} route. */
    public Endpoint endpoint() {
        return request -> new HttpResponse(200, MetricRegistry.CONTENT_TYPE, Map.of(),
                scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the volumes' figures and writes every metric. */
    synchronized String scrape() {
        Set<String> now = new HashSet<>();
        long nowNanos = System.nanoTime();
        for (VolumeInfo v : volumes.get()) {
            String n = v.name();
            now.add(n);
            gauge("imgr_volume_served", "1 while the volume is served", n).set(1);
            gauge("imgr_volume_open", "1 while the volume's metadata is loaded", n).set(v.open() ? 1 : 0);
            gauge("imgr_volume_checkpoints", "checkpoint rounds since the volume was opened", n).set(v.checkPoints());
            List<MountSummary> m = mounts.mounts(n);
            gauge("imgr_volume_mounts", "mounts of the volume", n).set(m.size());
            gauge("imgr_volume_open_inodes", "inodes held open by the volume's mounts", n)
                    .set(m.stream().mapToInt(MountSummary::openInodes).sum());
            v.status().ifPresent(s -> {
                gauge("imgr_volume_inodes", "inodes in the inode table", n).set((double) s.numInodes());
                gauge("imgr_volume_inode_objects", "objects holding inodes", n).set(s.objectCount());
                gauge("imgr_volume_inode_bytes_written", "bytes written to objects holding inodes", n)
                        .set(s.bytesWritten());
                gauge("imgr_volume_inode_bytes_referenced", "bytes of those objects still referenced", n)
                        .set(s.bytesReferenced());
                gauge("imgr_volume_pending_deletes", "objects to delete after the next checkpoint", n)
                        .set(s.pendingDeletes());
                gauge("imgr_volume_checkpoint_age_seconds", "seconds since the last durable checkpoint", n)
                        .set((nowNanos - s.lastCheckPointNanos()) / 1e9);
            });
            LeaseSnapshot leases = mounts.leases(n).orElse(null);
            if (leases != null) {
                for (Map.Entry<InodeLeaseState, Integer> e : leases.countsByState().entrySet()) {
                    registry.gauge("imgr_volume_leases", "inodes with a lease object, by lease state", "volume", n,
                            "state", e.getKey().name().toLowerCase(Locale.ROOT)).set(e.getValue());
                }
            }
        }
        for (String gone : seenVolumes) {
            if (!now.contains(gone)) {
                gauge("imgr_volume_served", "1 while the volume is served", gone).set(0);
                gauge("imgr_volume_mounts", "mounts of the volume", gone).set(0);
            }
        }
        seenVolumes.addAll(now);
        return registry.exposition();
    }

    private MetricRegistry.Gauge gauge(String name, String help, String volume) {
        return registry.gauge(name, help, "volume", volume);
    }

    /** Test access to the registry. */
    MetricRegistry registry() {
        return registry;
    }
}
