package io.proxyfs.retryrpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed set of named monotonic counters, read as a map for status pages.
 *
 * <p>Thread-safe: counters may be bumped from any thread; {@link #asMap()} is a snapshot that
 * is consistent per counter, not across counters.
 */
final class StatCounters {
    private final Map<String, LongAdder> counters = new LinkedHashMap<>();

    StatCounters(List<String> names) {
        for (String n : names) {
            counters.put(n, new LongAdder());
        }
    }

    void increment(String name) {
        add(name, 1);
    }

    void add(String name, long delta) {
        LongAdder a = counters.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown counter " + name);
        }
        a.add(delta);
    }

    /** A snapshot, in declaration order. */
    Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return Collections.unmodifiableMap(m);
    }
}
