package io.proxyfs.idestroy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's one-command start, {@code scripts/quickstart.sh}, on the real Swift the test suite
 * runs (the emulator mode needs port 8080 free, which the suite's Swift holds), with the jars the
 * build already made ({@code --no-build}): everything starts, the volume is mounted at
 * {@code /tmp/proxyfs-mnt} and usable, {@code status} lists every daemon, and {@code stop} ends
 * them all and unmounts.
 */
@Timeout(300)
class QuickstartIT {
    private static final Path MOUNT = Path.of("/tmp/proxyfs-mnt");

    @TempDir
    Path dir;

    @Test
    void startUseStatusStop() throws Exception {
        RealSwift.require();
        Path top = LauncherCheck.top();
        try {
            Run start = run(top, "start", "--real-swift", "--no-build");
            assertEquals(0, start.exit, start.out);
            assertTrue(start.out.contains("ProxyFS is mounted at /tmp/proxyfs-mnt"), start.out);
            assertTrue(start.out.contains("http://127.0.0.1:15346/volume"), start.out);
            Files.writeString(MOUNT.resolve("quickstart.txt"), "it works\n");
            assertEquals("it works\n", Files.readString(MOUNT.resolve("quickstart.txt")));

            Run status = run(top, "status");
            for (String daemon : List.of("ickpt", "imgr", "iclient")) {
                assertTrue(status.out.contains(daemon + " running"), status.out);
            }
            Run stop = run(top, "stop");
            assertEquals(0, stop.exit, stop.out);
            assertTrue(stop.out.contains("stopped iclient") && stop.out.contains("stopped imgr")
                    && stop.out.contains("stopped ickpt"), stop.out);
        } finally {
            run(top, "stop");                       // stops whatever a failure left running
        }
        assertFalse(ReadmeDeveloperSequenceIT.mounted(), "quickstart.sh stop unmounts");
        Run after = run(top, "status");
        assertTrue(after.out.contains("iclient not running") && after.out.contains("imgr not running"), after.out);
    }

    private record Run(int exit, String out) {
    }

    private Run run(Path top, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "quickstart", ".out");
        List<String> command = new java.util.ArrayList<>(List.of(top.resolve("scripts/quickstart.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(top.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("PROXYFS_RUN_DIR", dir.resolve("run").toString()); // not the developer's run/
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("quickstart.sh " + String.join(" ", args) + " did not finish: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }
}
