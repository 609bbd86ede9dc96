package io.proxyfs.bench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-system benchmark's harness works end to end, quickly: tiny sizes, two runs, on the
 * Swift emulator, with imgr, iclient and bindfs as real processes and real FUSE mounts. Asserts
 * only that every workload produced a figure on every target and that every process and mount
 * the benchmark started is gone afterwards — never how fast anything was.
 */
@Timeout(600)
class FsBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresEverythingAndCleansUp() throws Exception {
        assertTrue(Files.exists(Path.of("/dev/fuse")), "FUSE is needed (/dev/fuse)");
        assertEquals(0, Commands.run(10, Map.of(), List.of("sh", "-c", "command -v bindfs")).exitCode(),
                "bindfs is needed: scripts/setup-debian.sh test installs it");
        List<Long> before = descendants();
        Path work = dir.resolve("work");
        FsBenchOptions o = FsBenchOptions.parse("--quick", "--runs", "2", "--big-size", "4m", "--small-files", "60",
                "--small-dirs", "6", "--ls-entries", "50", "--tar-files", "40", "--work-dir", work.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Teardown teardown = new Teardown();
        FsBenchmark.Report report;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            report = FsBenchmark.run(o, out, teardown);
        } finally {
            teardown.run();
        }
        String printed = log.toString(StandardCharsets.UTF_8);

        assertEquals(0, report.missingFigures(), printed);
        assertEquals(List.of(), report.cleanupProblems(), printed);
        for (String workload : List.of("seq-write", "cold-read", "rand-read", "create", "stat", "ls-l", "tar-x")) {
            for (String target : List.of("local", "bindfs", "proxyfs")) {
                long figures = report.csv().lines().filter(l -> l.startsWith(workload + ",") && l.contains("," + target + ",")
                        && !l.contains(",median,")).count();
                assertEquals(2, figures, workload + " on " + target + ":\n" + report.csv());
            }
        }
        assertFalse(report.csv().contains("NaN"), report.csv());
        for (String daemon : List.of("iswift", "imgr", "iclient", "bindfs")) {
            assertTrue(report.peakRssKiB().getOrDefault(daemon, 0L) > 0, daemon + " RSS: " + report.peakRssKiB());
        }
        assertTrue(Files.readString(work.resolve("fsbench.md")).contains("| proxyfs / bindfs |"), printed);
        assertTrue(Files.readString(work.resolve("fsbench.md")).contains("| GET (caches dropped) vs cold sequential read |"),
                printed);
        assertTrue(Files.isRegularFile(work.resolve("fsbench.csv")));

        // Nothing left: no mount under the work dir, no process, no data (only logs and reports).
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(work.toString()), mounts);
        assertEquals(before, descendants(), "processes left running");
        try (var left = Files.list(work)) {
            assertEquals(List.of("fsbench.csv", "fsbench.md", "logs"),
                    left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted()
                .collect(Collectors.toList());
    }
}
