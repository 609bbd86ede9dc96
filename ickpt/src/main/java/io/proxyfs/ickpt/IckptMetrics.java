package io.proxyfs.ickpt;

import io.proxyfs.httpstatus.MetricRegistry;

/**
 * ickpt's metrics, all in one {@link MetricRegistry} for {@code /metrics} and {@code /stats}:
 * requests by operation and status, latencies of commits (their synced RocksDB write) and of
 * Swift authorization GETs, the authorization cache's hits, refusals by reason. Thread-safe.
 */
final class IckptMetrics {
    final MetricRegistry registry = new MetricRegistry();
    final MetricRegistry.Counter authCacheHits = registry.counter("ickpt_auth_cache_hits_total",
            "Requests authorized from the cache without asking Swift.");
    final MetricRegistry.Counter authRefusals = registry.counter("ickpt_auth_refusals_total",
            "Requests whose X-Auth-Token Swift refused.");
    final MetricRegistry.Histogram swiftGets = registry.histogram("ickpt_swift_get_seconds",
            "Latency of the GETs at Swift that authorize requests.");
    final MetricRegistry.Histogram rocksWrites = registry.histogram("ickpt_rocksdb_sync_write_seconds",
            "Latency of synced RocksDB writes (commits).");
    final MetricRegistry.Counter commits = registry.counter("ickpt_commits_total",
            "Changes committed (checkpoints stored or deleted).");
    final MetricRegistry.Counter staleRefusals = registry.counter("ickpt_stale_refusals_total",
            "Stages or commits refused with 409 because the checkpoint would go backwards.");

    /** Counts one answered request and its latency. */
    void request(String op, int status, long startNanos) {
        registry.counter("ickpt_requests_total", "Requests answered, by operation and status.",
                "op", op, "status", Integer.toString(status)).inc();
        registry.histogram("ickpt_request_seconds", "Request latency by operation.", "op", op)
                .observeSince(startNanos);
    }
}
