package io.proxyfs.bench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Medians, ratio tables and CSV of {@link Results}; the targets table of {@link TargetCheck}; the
 * chart of {@link RatioChart}; option parsing of {@link FsBenchOptions}.
 */
class ResultsTest {
    private static Results results() {
        SmallFiles small = new SmallFiles(10, 2, 4096);
        return new Results(List.of("local", "bindfs", "proxyfs"), List.of(new SmallFileCreate(small), new SmallFileStat(small)));
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        Results r = results();
        for (double v : new double[] {5, 1, 3}) {
            r.add("create", "local", new Results.Sample(1, v, 1));
        }
        r.add("create", "bindfs", new Results.Sample(1, 2, 1));
        r.add("create", "bindfs", new Results.Sample(2, 4, 1));
        assertEquals(3.0, r.median("create", "local"));
        assertEquals(3.0, r.median("create", "bindfs"));
        assertTrue(Double.isNaN(r.median("create", "proxyfs")));
    }

    @Test
    void tablesHaveFiguresThenRatiosToEachBaseline() {
        SmallFiles small = new SmallFiles(10, 2, 4096);
        Results r = new Results(List.of("local", "bindfs", "proxyfs", "rclone", "curl"),
                List.of(new SequentialWrite(1 << 20), new SmallFileCreate(small)));
        r.add("create", "local", new Results.Sample(1, 1000, 1));
        r.add("create", "bindfs", new Results.Sample(1, 500, 1));
        r.add("create", "proxyfs", new Results.Sample(1, 50, 1));
        r.add("create", "rclone", new Results.Sample(1, 10, 1));
        r.add("seq-write", "curl", new Results.Sample(1, 200, 1));
        String md = r.markdown(List.of("bindfs", "rclone", "s3fs"));
        assertTrue(md.startsWith("| workload | unit | local | bindfs | proxyfs | rclone | Swift by curl (ceiling) |"), md);
        assertTrue(md.contains("| create+write+close 10 × 4 KiB files in 2 dirs, then sync | files/s | 1,000 | 500 | 50.0 | 10.0 | – |"),
                md);
        assertTrue(md.contains("| workload | local / bindfs | proxyfs / bindfs | rclone / bindfs |"), md);
        assertTrue(md.contains("| create+write+close 10 × 4 KiB files in 2 dirs, then sync | 2.00 | 0.10 | 0.020 |"), md);
        assertTrue(md.contains("| workload | local / rclone | bindfs / rclone | proxyfs / rclone |"), md);
        assertTrue(md.contains("| create+write+close 10 × 4 KiB files in 2 dirs, then sync | 100 | 50.0 | 5.00 |"), md);
        assertFalse(md.contains("/ s3fs"), "no table for a baseline not measured: " + md);
        assertTrue(r.csv().contains("create,files/s,proxyfs,1,50.0000,1.0000"), r.csv());
    }

    @Test
    void targetTableSaysMetNotMetAndNotMeasured() {
        SmallFiles small = new SmallFiles(10, 2, 4096);
        Results r = new Results(List.of("bindfs", "proxyfs", "rclone", "curl"),
                List.of(new SequentialWrite(1 << 20), new SmallFileCreate(small), new ListLong(1000)));
        r.add("seq-write", "proxyfs", new Results.Sample(1, 90, 1));
        r.add("seq-write", "curl", new Results.Sample(1, 100, 1));
        r.add("create", "proxyfs", new Results.Sample(1, 40, 1));
        r.add("create", "bindfs", new Results.Sample(1, 100, 1));
        r.add("create", "rclone", new Results.Sample(1, 20, 1));
        r.add("ls-l", "proxyfs", new Results.Sample(1, 500, 2));
        String md = TargetCheck.markdown(TargetCheck.rows(r, 1000, List.of(), Map.of("iclient", 600L * 1024)));
        assertTrue(md.contains("| sequential write ≥ 0.8× raw Swift PUT by curl | 90.0 vs 100 MB/s = 0.90× | met |"), md);
        assertTrue(md.contains("| cold sequential read ≥ 0.8× raw Swift GET by curl | – | not measured"), md);
        assertTrue(md.contains("| small-file create ≥ 0.5× the FUSE passthrough (bindfs) | 40.0 vs 100 files/s = 0.40× | **not met** |"), md);
        assertTrue(md.contains("| small-file create ≥ 3× rclone mount | 40.0 vs 20.0 files/s = 2.00× | **not met** |"), md);
        assertTrue(md.contains("| small-file create ≥ 3× s3fs | – | not measured (s3fs not run) |"), md);
        assertTrue(md.contains("| 2.0 s for 1,000 entries (20.0 s scaled to 10,000) | **not met** (scaled) |"), md);
        assertTrue(md.contains("| 600 MiB | **not met** |"), md);
    }

    @Test
    void chartHasABarPerTargetAndWorkload() {
        SmallFiles small = new SmallFiles(10, 2, 4096);
        Results r = new Results(List.of("bindfs", "proxyfs", "rclone"), List.of(new SmallFileCreate(small), new SmallFileStat(small)));
        r.add("create", "bindfs", new Results.Sample(1, 100, 1));
        r.add("create", "proxyfs", new Results.Sample(1, 0.001, 1));
        r.add("create", "rclone", new Results.Sample(1, 20, 1));
        String svg = RatioChart.svg(r, "bindfs", "caption");
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(2, svg.split("<rect x=").length - 1 - 2, svg); // two bars plus two legend boxes
        assertTrue(svg.contains("<title>create proxyfs / bindfs = 0.000</title>"), svg);
        assertTrue(svg.contains("<title>create rclone / bindfs = 0.20</title>"), svg);
        assertEquals("", RatioChart.svg(r, "s3fs", "caption"));
    }

    @Test
    void quickScalesDownAndExplicitOptionsWin() {
        FsBenchOptions q = FsBenchOptions.parse("--quick", "--big-size", "8m");
        assertEquals(8L << 20, q.bigSize());
        assertEquals(1, q.runs());
        assertEquals(1000, q.small().files());
        FsBenchOptions full = FsBenchOptions.parse();
        assertEquals(1L << 30, full.bigSize());
        assertEquals(3, full.runs());
        assertEquals(10_000, full.small().files());
        assertEquals(100, full.small().dirs());
        assertEquals(5000, full.tarFiles());
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--targets", "nfs"));
        assertEquals(FsBenchOptions.ALL_TARGETS, full.targets());
        assertEquals(1000, full.randomReads());
        assertEquals(1000, full.gitFiles());
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--only", "stat"));
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--only", "create,unlink"));
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--runs"));
    }
}
