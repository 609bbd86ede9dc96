package io.proxyfs.iclient.http;

import io.proxyfs.httpstatus.Endpoint;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.MetricRegistry;
import io.proxyfs.iclient.fuse.FuseCall;
import io.proxyfs.swift.SwiftRequestObserver;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * iclient's {@code GET /metrics} (Prometheus text 0.0.4): FUSE calls per operation with latency
 * and errors by errno, Swift requests per verb and status class with latency and bytes, and every
 * counter of {@code /stats} (cache sizes, dirty bytes, leases, flushes, RPCs...) as
 * {@code iclient_<name>}, read at each scrape. Thread-safe.
 */
public final class IclientMetrics {
    private final MetricRegistry registry = new MetricRegistry();
    private final Supplier<Map<String, Long>> stats;

    /** @param stats the {@code /stats} counters, read at each scrape */
    public IclientMetrics(Supplier<Map<String, Long>> stats) {
        this.stats = stats;
    }

    /** Times every FUSE callback and counts its failures by errno. */
    public FuseCall.Observer fuseObserver() {
        return (op, nanos, result) -> {
            registry.histogram("iclient_fuse_op_duration_seconds", "FUSE callback latency by operation", "op", op)
                    .observeNanos(nanos);
            if (result < 0) {
                registry.counter("iclient_fuse_op_errors_total", "FUSE callbacks answered with an errno",
                        "op", op, "errno", Integer.toString(-result)).inc();
            }
        };
    }

    /** Counts and times every Swift request of the mount, with the bytes sent and read. */
    public SwiftRequestObserver swiftObserver() {
        return SwiftRequestObserver.counting(registry, "iclient");
    }

    /** The {@code /metrics} route. */
    public Endpoint endpoint() {
        return request -> new HttpResponse(200, MetricRegistry.CONTENT_TYPE, Map.of(),
                scrape().getBytes(StandardCharsets.UTF_8));
    }

    synchronized String scrape() {
        for (Map.Entry<String, Long> e : stats.get().entrySet()) {
            registry.gauge("iclient_" + snake(e.getKey()), "the /stats counter " + e.getKey()).set(e.getValue());
        }
        return registry.exposition();
    }

    /** {@code fuseCalls} to {@code fuse_calls}, {@code retryrpc.calls} to {@code retryrpc_calls}. */
    static String snake(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
