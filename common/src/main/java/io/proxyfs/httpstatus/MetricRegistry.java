package io.proxyfs.httpstatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A daemon's metrics for {@code GET /metrics}, written in the Prometheus text exposition format
 * 0.0.4: counters, gauges (set or read from a supplier at scrape time) and latency histograms in
 * seconds (fixed buckets from 100 µs to 60 s, with {@code _sum} and {@code _count}). A metric is
 * named once with its help text; each distinct set of label values is one series. Names and label
 * names must match Prometheus' syntax; label values are escaped. Thread-safe: updates are
 * lock-free adders, and a scrape reads each series once (series may move on while it is written).
 */
public final class MetricRegistry {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Histogram bucket upper bounds in seconds. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private enum Type { COUNTER, GAUGE, HISTOGRAM }

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** The content type of {@link #exposition()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** A monotonically increasing count. */
    public static final class Counter {
        private final LongAdder value = new LongAdder();

        private Counter() {
        }

        /** Adds one. */
        public void inc() {
            value.increment();
        }

        /** Adds {@code n} (not negative). */
        public void add(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("a counter only goes up (got " + n + ")");
            }
            value.add(n);
        }

        /** The current count. */
        public long get() {
            return value.sum();
        }
    }

    /** A value that goes up and down. */
    public static final class Gauge {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));
        private volatile DoubleSupplier supplier;

        private Gauge() {
        }

        /** Sets the value. */
        public void set(double v) {
            bits.set(Double.doubleToLongBits(v));
        }

        /** The value: the supplier's if one was given, else the last set. */
        public double get() {
            DoubleSupplier s = supplier;
            return s != null ? s.getAsDouble() : Double.longBitsToDouble(bits.get());
        }
    }

    /** A distribution of durations, in seconds, over fixed buckets. */
    public static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        private final LongAdder nanosSum = new LongAdder();
        private final LongAdder count = new LongAdder();

        private Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        /** Records one duration in nanoseconds. */
        public void observeNanos(long nanos) {
            double seconds = Math.max(0, nanos) / 1e9;
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            nanosSum.add(Math.max(0, nanos));
            count.increment();
        }

        /** Records the time since {@code startNanos} ({@link System#nanoTime()}). */
        public void observeSince(long startNanos) {
            observeNanos(System.nanoTime() - startNanos);
        }

        /** How many durations were recorded. */
        public long count() {
            return count.sum();
        }
    }

    private static final class Family {
        final String name;
        final String help;
        final Type type;
        final List<String> labelNames;
        final Map<List<String>, Object> series = new ConcurrentHashMap<>();

        Family(String name, String help, Type type, List<String> labelNames) {
            this.name = name;
            this.help = help;
            this.type = type;
            this.labelNames = labelNames;
        }
    }

    /** The counter {@code name} with these label values (created at first use). */
    public Counter counter(String name, String help, String... labels) {
        return (Counter) series(name, help, Type.COUNTER, labels);
    }

    /** The gauge {@code name} with these label values (created at first use). */
    public Gauge gauge(String name, String help, String... labels) {
        return (Gauge) series(name, help, Type.GAUGE, labels);
    }

    /** A gauge read from {@code supplier} at each scrape. */
    public Gauge gauge(String name, String help, DoubleSupplier supplier, String... labels) {
        Gauge g = gauge(name, help, labels);
        g.supplier = supplier;
        return g;
    }

    /** The latency histogram {@code name} (seconds) with these label values (created at first use). */
    public Histogram histogram(String name, String help, String... labels) {
        return (Histogram) series(name, help, Type.HISTOGRAM, labels);
    }

    /**
     * @param labels alternating label names and values: {@code "method", "GET", "status", "200"}
     */
    private Object series(String name, String help, Type type, String[] labels) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric name: " + name);
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs (metric " + name + ")");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < labels.length; i += 2) {
            if (!LABEL.matcher(labels[i]).matches() || labels[i].startsWith("__") || labels[i].equals("le")) {
                throw new IllegalArgumentException("not a usable label name: " + labels[i] + " (metric " + name + ")");
            }
            names.add(labels[i]);
            values.add(labels[i + 1]);
        }
        Family family = families.computeIfAbsent(name, n -> new Family(n, help, type, List.copyOf(names)));
        if (family.type != type || !family.labelNames.equals(names)) {
            throw new IllegalArgumentException("metric " + name + " is a " + family.type.name().toLowerCase(Locale.ROOT)
                    + " with labels " + family.labelNames + "; asked for a " + type.name().toLowerCase(Locale.ROOT)
                    + " with labels " + names);
        }
        return family.series.computeIfAbsent(List.copyOf(values), v -> switch (type) {
            case COUNTER -> new Counter();
            case GAUGE -> new Gauge();
            case HISTOGRAM -> new Histogram();
        });
    }

    /** Every metric in the text exposition format 0.0.4, families and series sorted. */
    public String exposition() {
        StringBuilder out = new StringBuilder();
        for (Family f : new TreeMap<>(families).values()) {
            out.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
            out.append("# TYPE ").append(f.name).append(' ').append(f.type.name().toLowerCase(Locale.ROOT)).append('\n');
            TreeMap<String, Object> sorted = new TreeMap<>();
            f.series.forEach((values, s) -> sorted.put(String.join("\u0000", values), s));
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                List<String> values = e.getKey().isEmpty() && f.labelNames.isEmpty() ? List.of()
                        : List.of(e.getKey().split("\u0000", -1));
                writeSeries(out, f, values, e.getValue());
            }
        }
        return out.toString();
    }

    private static void writeSeries(StringBuilder out, Family f, List<String> values, Object s) {
        switch (f.type) {
            case COUNTER -> out.append(f.name).append(labels(f.labelNames, values, null)).append(' ')
                    .append(((Counter) s).get()).append('\n');
            case GAUGE -> out.append(f.name).append(labels(f.labelNames, values, null)).append(' ')
                    .append(number(((Gauge) s).get())).append('\n');
            case HISTOGRAM -> {
                Histogram h = (Histogram) s;
                long cumulative = 0;
                for (int i = 0; i <= BUCKETS.length; i++) {
                    cumulative += h.counts[i].sum();
                    String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
                    out.append(f.name).append("_bucket").append(labels(f.labelNames, values, le)).append(' ')
                            .append(cumulative).append('\n');
                }
                out.append(f.name).append("_sum").append(labels(f.labelNames, values, null)).append(' ')
                        .append(number(h.nanosSum.sum() / 1e9)).append('\n');
                out.append(f.name).append("_count").append(labels(f.labelNames, values, null)).append(' ')
                        .append(cumulative).append('\n');
            }
            default -> throw new IllegalStateException("unknown metric type " + f.type);
        }
    }

    private static String labels(List<String> names, List<String> values, String le) {
        if (names.isEmpty() && le == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(names.get(i)).append("=\"").append(escapeValue(values.get(i))).append('"');
        }
        if (le != null) {
            if (!names.isEmpty()) {
                b.append(',');
            }
            b.append("le=\"").append(le).append('"');
        }
        return b.append('}').toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String escapeValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** {@code GET /metrics}: this registry's exposition. */
    public Endpoint endpoint() {
        return request -> new HttpResponse(200, CONTENT_TYPE, Map.of(),
                exposition().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
