package io.proxyfs.httpstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MetricRegistryTest {
    @Test
    void countersGaugesAndHistogramsInTheTextFormat() {
        MetricRegistry m = new MetricRegistry();
        m.counter("req_total", "Requests.", "method", "GET").add(3);
        m.counter("req_total", "Requests.", "method", "PUT").inc();
        m.gauge("up", "Whether it runs.").set(1);
        m.gauge("age_seconds", "Age.", () -> 2.5);
        MetricRegistry.Histogram h = m.histogram("lat_seconds", "Latency.", "op", "a\"b");
        h.observeNanos(200_000);
        h.observeNanos(3_000_000_000L);
        String text = m.exposition();
        assertTrue(text.contains("# TYPE req_total counter\n"), text);
        assertTrue(text.contains("req_total{method=\"GET\"} 3\n"), text);
        assertTrue(text.contains("req_total{method=\"PUT\"} 1\n"), text);
        assertTrue(text.contains("# TYPE up gauge\nup 1\n"), text);
        assertTrue(text.contains("age_seconds 2.5\n"), text);
        assertTrue(text.contains("lat_seconds_bucket{op=\"a\\\"b\",le=\"0.0001\"} 0\n"), text);
        assertTrue(text.contains("lat_seconds_bucket{op=\"a\\\"b\",le=\"0.00025\"} 1\n"), text);
        assertTrue(text.contains("lat_seconds_bucket{op=\"a\\\"b\",le=\"5\"} 2\n"), text);
        assertTrue(text.contains("lat_seconds_bucket{op=\"a\\\"b\",le=\"+Inf\"} 2\n"), text);
        assertTrue(text.contains("lat_seconds_sum{op=\"a\\\"b\"} 3.0002\n"), text);
        assertTrue(text.contains("lat_seconds_count{op=\"a\\\"b\"} 2\n"), text);
        assertEquals(2, h.count());
    }

    @Test
    void refusesBadNamesAndMismatchedRedefinitions() {
        MetricRegistry m = new MetricRegistry();
        assertThrows(IllegalArgumentException.class, () -> m.counter("1bad", "x"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("ok", "x", "le", "1"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("ok", "x", "odd"));
        m.counter("c", "x", "a", "1");
        assertThrows(IllegalArgumentException.class, () -> m.gauge("c", "x", "a", "1"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("c", "x", "b", "1"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("c", "x", "a", "1").add(-1));
    }
}
