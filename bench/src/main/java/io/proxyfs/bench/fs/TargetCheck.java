package io.proxyfs.bench.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 19's targets, judged from one run's medians: a table saying plainly, per target, what was
 * measured and whether it is met, not met, or could not be judged from this run (a figure missing,
 * a peer skipped, a size other than the target's). "In seconds" for {@code ls -l} of 10,000
 * entries is read as at most 10 s; a run with another entry count is scaled linearly and says so.
 * Stateless.
 */
final class TargetCheck {
    /** One line of the table. */
    record Row(String target, String measured, String verdict) {
    }

    static final double LS_SECONDS = 10;
    static final long RSS_LIMIT_KIB = 512L * 1024;

    private TargetCheck() {
    }

    /** The rows, in issue 19's order. */
    static List<Row> rows(Results r, int lsEntries, List<String> iclientSets, Map<String, Long> peakRssKiB) {
        List<Row> rows = new ArrayList<>();
        rows.add(ratio(r, "seq-write", "sequential write", CurlCeiling.NAME, "raw Swift PUT by curl", 0.8));
        rows.add(ratio(r, "cold-read", "cold sequential read", CurlCeiling.NAME, "raw Swift GET by curl", 0.8));
        for (String[] w : new String[][] {{"create", "small-file create"}, {"stat", "stat"}, {"tar-x", "tar -x"},
                {"git-clone", "git clone"}}) {
            rows.add(ratio(r, w[0], w[1], "bindfs", "the FUSE passthrough (bindfs)", 0.5));
            rows.add(ratio(r, w[0], w[1], "rclone", "rclone mount", 3));
            rows.add(ratio(r, w[0], w[1], "s3fs", "s3fs", 3));
        }
        rows.add(listLong(r, lsEntries));
        rows.add(new Row("mount of a 10^6-inode volume in seconds, memory bounded by config", "–",
                "not measured by this suite"));
        rows.add(rss(iclientSets, peakRssKiB));
        return rows;
    }

    /** The Markdown table. */
    static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| issue 19 target | measured (proxyfs, medians) | verdict |\n|---|---|---|\n");
        for (Row row : rows) {
            b.append("| ").append(row.target()).append(" | ").append(row.measured()).append(" | ").append(row.verdict())
                    .append(" |\n");
        }
        return b.toString();
    }

    private static Row ratio(Results r, String key, String what, String base, String baseName, double goal) {
        String target = what + " ≥ " + fmt(goal) + "× " + baseName;
        if (!has(r, key, "proxyfs") || !has(r, key, base)) {
            return new Row(target, "–", "not measured (" + (has(r, key, "proxyfs") ? base : "proxyfs") + " not run)");
        }
        double p = r.median(key, "proxyfs");
        double b = r.median(key, base);
        double ratio = p / b;
        String unit = r.workloads().stream().filter(w -> w.key().equals(key)).findFirst().orElseThrow().unit();
        return new Row(target, Results.figure(p) + " vs " + Results.figure(b) + " " + unit + " = " + Results.ratio(ratio)
                + "×", ratio >= goal ? "met" : "**not met**");
    }

    private static Row listLong(Results r, int entries) {
        String target = "ls -l of 10,000 entries in seconds (≤ " + fmt(LS_SECONDS) + " s)";
        if (!has(r, "ls-l", "proxyfs")) {
            return new Row(target, "–", "not measured (proxyfs or ls-l not run)");
        }
        double seconds = entries / r.median("ls-l", "proxyfs");
        double at10k = seconds * 10_000 / entries;
        String measured = String.format(Locale.ROOT, "%.1f s for %,d entries", seconds, entries)
                + (entries == 10_000 ? "" : String.format(Locale.ROOT, " (%.1f s scaled to 10,000)", at10k));
        String verdict = at10k <= LS_SECONDS ? "met" : "**not met**";
        return new Row(target, measured, entries == 10_000 ? verdict : verdict + " (scaled)");
    }

    private static Row rss(List<String> iclientSets, Map<String, Long> peakRssKiB) {
        String target = "iclient peak RSS < 512 MiB during the whole suite, default config";
        Long kib = peakRssKiB.get("iclient");
        if (kib == null || kib == 0) {
            return new Row(target, "–", "not measured (proxyfs not run)");
        }
        String verdict = kib < RSS_LIMIT_KIB ? "met" : "**not met**";
        if (!iclientSets.isEmpty()) {
            verdict += " (NOT the default config: " + String.join(" ", iclientSets) + ")";
        }
        return new Row(target, String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0), verdict);
    }

    private static boolean has(Results r, String key, String target) {
        return r.targets().contains(target) && r.workloads().stream().anyMatch(w -> w.key().equals(key))
                && !Double.isNaN(r.median(key, target));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
