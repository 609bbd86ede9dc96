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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-system benchmark's harness works end to end, quickly: tiny sizes, on the Swift
 * emulator with imgr, iclient and bindfs as real processes and real FUSE mounts (the peers are
 * skipped there, and the report says so); and, when the real Swift of {@code scripts/swift-aio.sh}
 * is up and rclone and s3fs are installed, the peers on it (otherwise that test is skipped with
 * the reason). Asserts only that every workload produced a figure on every target and that every
 * process, mount and container the benchmark made is gone afterwards — never how fast anything was.
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
        FsBenchOptions o = FsBenchOptions.parse("--quick", "--runs", "2", "--big-size", "4m", "--random-reads", "20",
                "--small-files", "60", "--small-dirs", "6", "--ls-entries", "50", "--tar-files", "40", "--git-files", "30",
                "--git-commits", "4", "--work-dir", work.toString());
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
        assertFigures(report, List.of("local", "bindfs", "proxyfs"), 2);
        for (String workload : List.of("seq-write", "cold-read")) {
            assertEquals(2, figures(report, workload, "curl"), "the curl ceiling beside " + workload + ":\n" + report.csv());
        }
        assertEquals(2, report.skipped().size(), report.skipped().toString());
        assertTrue(report.skipped().stream().allMatch(s -> s.contains("need the real Swift")), report.skipped().toString());
        assertTrue(report.markdown().contains("- SKIPPED rclone: "), report.markdown());
        for (String daemon : List.of("iswift", "imgr", "iclient", "bindfs")) {
            assertTrue(report.peakRssKiB().getOrDefault(daemon, 0L) > 0, daemon + " RSS: " + report.peakRssKiB());
        }
        String md = Files.readString(work.resolve("fsbench.md"));
        assertTrue(md.contains("| proxyfs / bindfs |") && md.contains("| iclient peak RSS < 512 MiB"), printed);
        assertTrue(Files.isRegularFile(work.resolve("fsbench.csv")));
        assertTrue(Files.readString(work.resolve("fsbench-ratios.svg")).startsWith("<svg"));
        assertNothingLeft(work, before, List.of("fsbench-ratios.svg", "fsbench.csv", "fsbench.md", "logs"));
    }

    @Test
    void peersOnTheRealSwiftMeasureEverythingAndCleanUp() throws Exception {
        Assumptions.assumeTrue(Commands.run(10, Map.of(), List.of("sh", "-c", "command -v rclone && command -v s3fs"))
                .exitCode() == 0, "rclone or s3fs not installed (scripts/setup-debian.sh test installs them): peers not run");
        Assumptions.assumeTrue(Commands.run(10, Map.of(), List.of("curl", "-sf", "-o", "/dev/null",
                "http://127.0.0.1:8080/healthcheck")).exitCode() == 0,
                "the real Swift is not running (scripts/swift-aio.sh start): peers not run");
        List<Long> before = descendants();
        Path work = dir.resolve("peers");
        FsBenchOptions o = FsBenchOptions.parse("--quick", "--swift", "real", "--targets", "bindfs,rclone,s3fs", "--runs",
                "1", "--big-size", "2m", "--random-reads", "10", "--small-files", "8", "--small-dirs", "2",
                "--ls-entries", "8", "--tar-files", "8", "--git-files", "6", "--git-commits", "2", "--work-dir",
                work.toString());
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
        assertEquals(List.of(), report.skipped(), printed);
        assertFigures(report, List.of("bindfs", "rclone", "s3fs"), 1);
        for (String daemon : List.of("rclone", "s3fs")) {
            assertTrue(report.peakRssKiB().getOrDefault(daemon, 0L) > 0, daemon + " RSS: " + report.peakRssKiB());
        }
        assertTrue(report.markdown().contains("| s3fs / rclone |"), report.markdown());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fsbench-[0-9a-f]{8}").matcher(report.markdown());
        assertTrue(m.find(), "the report names the containers: " + report.markdown());
        String ours = m.group();
        assertFalse(swiftContainers().contains(ours), "containers " + ours + "* left in the real Swift: " + swiftContainers());
        assertNothingLeft(work, before, List.of("fsbench-ratios.svg", "fsbench.csv", "fsbench.md", "logs"));
    }

    private static long figures(FsBenchmark.Report report, String workload, String target) {
        return report.csv().lines().filter(l -> l.startsWith(workload + ",") && l.contains("," + target + ",")
                && !l.contains(",median,")).count();
    }

    private static void assertFigures(FsBenchmark.Report report, List<String> targets, int runs) {
        for (String workload : FsBenchOptions.ALL_WORKLOADS) {
            for (String target : targets) {
                assertEquals(runs, figures(report, workload, target), workload + " on " + target + ":\n" + report.csv());
            }
        }
        assertFalse(report.csv().contains("NaN"), report.csv());
    }

    /** The real Swift's container listing (names, one a line). */
    private static String swiftContainers() throws Exception {
        Commands.Outcome auth = Commands.run(10, Map.of(), List.of("curl", "-si", "-H", "X-Auth-User: " + SwiftService.USER,
                "-H", "X-Auth-Key: " + SwiftService.KEY, "http://127.0.0.1:8080/auth/v1.0"));
        String token = auth.output().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("x-auth-token:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow(() -> new AssertionError(auth.output()));
        return Commands.run(10, Map.of(), List.of("curl", "-sf", "-H", "X-Auth-Token: " + token,
                "http://127.0.0.1:8080/v1/AUTH_test")).output();
    }

    private static void assertNothingLeft(Path work, List<Long> before, List<String> expectedFiles) throws Exception {
        // Nothing left: no mount under the work dir, no process, no data (only logs and reports).
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(work.toString()), mounts);
        assertEquals(before, descendants(), "processes left running");
        try (var left = Files.list(work)) {
            assertEquals(expectedFiles, left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted()
                .collect(Collectors.toList());
    }
}
