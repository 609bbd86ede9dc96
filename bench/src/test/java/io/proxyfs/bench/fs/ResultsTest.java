package io.proxyfs.bench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, ratio columns and the tables of {@link Results}; option parsing of {@link FsBenchOptions}. */
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
    void tableHasRatiosToBothBaselines() {
        Results r = results();
        r.add("create", "local", new Results.Sample(1, 1000, 1));
        r.add("create", "bindfs", new Results.Sample(1, 500, 1));
        r.add("create", "proxyfs", new Results.Sample(1, 50, 1));
        String md = r.markdown();
        assertTrue(md.startsWith("| workload | unit | local | bindfs | proxyfs | bindfs / local | proxyfs / local | proxyfs / bindfs |"), md);
        assertTrue(md.contains("| 1,000 | 500 | 50.0 | 0.50 | 0.050 | 0.10 |"), md);
        assertTrue(r.csv().contains("create,files/s,proxyfs,1,50.0000,1.0000"), r.csv());
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
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--only", "stat"));
        assertThrows(IllegalArgumentException.class, () -> FsBenchOptions.parse("--runs"));
    }
}
