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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The big-volume benchmark's harness works end to end, tiny: a 300-inode and a 2,000-inode volume
 * built through imgr's RPC on the Swift emulator as a process, both checked by icheck, imgr
 * restarted and iclient mounted for real. Asserts only that every figure was produced and that
 * every process, mount and data folder it made is gone afterwards — never how fast anything was.
 */
@Timeout(600)
class BigVolumeBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void tinyRunMeasuresEverythingAndCleansUp() throws Exception {
        assertTrue(Files.exists(Path.of("/dev/fuse")), "FUSE is needed (/dev/fuse)");
        List<Long> before = descendants();
        Path work = dir.resolve("work");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BigVolumeBenchmark.Report report;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            report = BigVolumeBenchmark.run(300, 2_000, 100, 4, true, work, out);
        }
        String printed = log.toString(StandardCharsets.UTF_8);

        assertTrue(report.ok(), printed);
        assertEquals(List.of(300L, 2_000L), report.volumes().stream().map(BigVolumeBenchmark.Figures::inodes)
                .collect(Collectors.toList()), printed);
        for (BigVolumeBenchmark.Figures f : report.volumes()) {
            assertTrue(f.complete(), f.toString());
            assertFalse(Double.isNaN(f.icheckSeconds()), "icheck ran on " + f);
            assertEquals(f.inodes(), 1 + f.dirs() + f.files(), f.toString());
        }
        assertTrue(printed.contains("target \"mount in seconds\""), printed);
        assertTrue(printed.contains("target \"memory bounded by config\""), printed);
        assertTrue(report.table().contains("| ratio |"), report.table());

        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(work.toString()), mounts);
        assertEquals(before, descendants(), "processes left running");
        try (var left = Files.list(work)) {
            assertEquals(List.of("logs-2000", "logs-300"),
                    left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted()
                .collect(Collectors.toList());
    }
}
