package io.proxyfs.bench.fs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every timed sample of a benchmark run, by workload and target, and what is derived from them:
 * medians, and ratios of a target's median to a baseline's median. Rendered as Markdown tables
 * and as CSV (one line per sample, then one per median). The curl ceiling is one more column,
 * with figures for the sequential write and the cold read only. Not thread-safe.
 */
final class Results {
    /** One timed run: the figure (e.g. MB/s) and the seconds it took. */
    record Sample(int run, double value, double seconds) {
    }

    private final List<String> targets;
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();

    Results(List<String> targets, List<Workload> workloads) {
        this.targets = List.copyOf(targets);
        for (Workload w : workloads) {
            this.workloads.put(w.key(), w);
            Map<String, List<Sample>> byTarget = new LinkedHashMap<>();
            for (String t : targets) {
                byTarget.put(t, new ArrayList<>());
            }
            samples.put(w.key(), byTarget);
        }
    }

    void add(String workload, String target, Sample s) {
        samples.get(workload).get(target).add(s);
    }

    /** The samples of one workload on one target, in run order. */
    List<Sample> samples(String workload, String target) {
        return List.copyOf(samples.get(workload).get(target));
    }

    /** The median figure (NaN if none, or if the workload or target was not run); for an even count, the mean of the middle two. */
    double median(String workload, String target) {
        if (!samples.containsKey(workload) || !samples.get(workload).containsKey(target)) {
            return Double.NaN;
        }
        double[] v = samples.get(workload).get(target).stream().mapToDouble(Sample::value).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The columns: the targets measured, and the curl ceiling if it was. */
    List<String> targets() {
        return targets;
    }

    /** The workloads, in run order. */
    List<Workload> workloads() {
        return List.copyOf(workloads.values());
    }

    /**
     * The Markdown tables: medians (with min–max when there are several runs) per workload and
     * target, then every target's median as a ratio to each baseline of {@code bases} measured in
     * this run (one table per baseline).
     */
    String markdown(List<String> bases) {
        StringBuilder b = new StringBuilder("| workload | unit |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String t : targets) {
            b.append(' ').append(t.equals(CurlCeiling.NAME) ? "Swift by curl (ceiling)" : t).append(" |");
            rule.append("---|");
        }
        b.append('\n').append(rule).append('\n');
        for (Workload w : workloads.values()) {
            b.append("| ").append(w.title()).append(" | ").append(w.unit()).append(" |");
            for (String t : targets) {
                b.append(' ').append(cell(w.key(), t)).append(" |");
            }
            b.append('\n');
        }
        for (String base : bases) {
            if (!targets.contains(base)) {
                continue;
            }
            List<String> others = targets.stream().filter(t -> !t.equals(base) && !t.equals(CurlCeiling.NAME)).toList();
            b.append("\nRatios to ").append(base).append(" (median / median):\n\n| workload |");
            StringBuilder r = new StringBuilder("|---|");
            for (String t : others) {
                b.append(' ').append(t).append(" / ").append(base).append(" |");
                r.append("---|");
            }
            b.append('\n').append(r).append('\n');
            for (Workload w : workloads.values()) {
                b.append("| ").append(w.title()).append(" |");
                for (String t : others) {
                    b.append(' ').append(ratio(median(w.key(), t) / median(w.key(), base))).append(" |");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** CSV: workload,unit,target,run,value,seconds for every sample, then run "median" lines (where there are samples). */
    String csv() {
        StringBuilder b = new StringBuilder("workload,unit,target,run,value,seconds\n");
        for (Workload w : workloads.values()) {
            for (String t : targets) {
                for (Sample s : samples(w.key(), t)) {
                    b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.4f%n", w.key(), w.unit(), t, s.run(), s.value(),
                            s.seconds()));
                }
            }
        }
        for (Workload w : workloads.values()) {
            for (String t : targets) {
                if (!samples.get(w.key()).get(t).isEmpty()) {
                    b.append(String.format(Locale.ROOT, "%s,%s,%s,median,%.4f,%n", w.key(), w.unit(), t, median(w.key(), t)));
                }
            }
        }
        return b.toString();
    }

    private String cell(String workload, String target) {
        List<Sample> s = samples.get(workload).get(target);
        if (s.isEmpty()) {
            return "–";
        }
        String m = figure(median(workload, target));
        if (s.size() == 1) {
            return m;
        }
        double lo = s.stream().mapToDouble(Sample::value).min().orElseThrow();
        double hi = s.stream().mapToDouble(Sample::value).max().orElseThrow();
        return m + " (" + figure(lo) + "–" + figure(hi) + ")";
    }

    /** 3 significant figures at least, thousands separated. */
    static String figure(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "–";
        }
        if (r >= 100) {
            return String.format(Locale.ROOT, "%,.0f", r);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
        return r >= 0.1 ? String.format(Locale.ROOT, "%.2f", r) : String.format(Locale.ROOT, "%.3f", r);
    }
}
