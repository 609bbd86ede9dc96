package io.proxyfs.idestroy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's developer sequence, taken from README.md between its {@code readme-sequence}
 * markers and run verbatim by bash from the top of the checkout, on the real Swift of
 * {@code scripts/swift-aio.sh}: ickpt, imgr, idestroy in the background, mkmount.sh -fs (which
 * must wait for idestroy), iclient. Then the mount is used, and SIGTERM ends each daemon cleanly,
 * iclient unmounting. The daemons use their dev.conf ports and mount point, so nothing else may
 * hold them.
 */
@Timeout(300)
class ReadmeDeveloperSequenceIT {
    private static final Path MOUNT = Path.of("/tmp/proxyfs-mnt");

    @TempDir
    Path dir;

    @Test
    void theSequenceRunsVerbatimAndEveryDaemonStopsCleanly() throws Exception {
        RealSwift.require();
        for (int port : List.of(15346, 15347, 32356, 33123)) {
            assertTrue(free(port), "port " + port + " is taken: stop what holds it (scripts/quickstart.sh stop)");
        }
        assertFalse(mounted(), MOUNT + " is already mounted");
        Path top = LauncherCheck.top();
        String readme = Files.readString(top.resolve("README.md"));
        int start = readme.indexOf("<!-- readme-sequence:start -->");
        int end = readme.indexOf("<!-- readme-sequence:end -->");
        assertTrue(start > 0 && end > start, "README.md has no readme-sequence block");
        String block = readme.substring(start, end).replaceAll("(?m)^<!--.*-->$", "").replaceAll("(?m)^```.*$", "").strip();
        assertTrue(block.contains("imgr/mkmount.sh -fs"), block);

        Path pids = dir.resolve("pids");
        Path script = dir.resolve("sequence.sh");
        // The background jobs' pids are written however the script ends, so that they are stopped.
        Files.writeString(script, "trap \"jobs -p > '" + pids + "'\" EXIT\nset -e\ncd '" + top + "'\n" + block + "\n");
        Path out = dir.resolve("sequence.out");
        List<Long> started = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the sequence did not finish: " + Files.readString(out));
            if (Files.exists(pids)) {
                for (String line : Files.readAllLines(pids)) {
                    if (!line.isBlank()) {
                        started.add(Long.parseLong(line.strip()));
                    }
                }
            }
            assertEquals(0, p.exitValue(), Files.readString(out));
            String said = Files.readString(out);
            assertTrue(said.contains("serving volume testvol") || said.contains("volume testvol is already served"), said);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!mounted()) {
                assertTrue(System.nanoTime() < deadline, "iclient did not mount " + MOUNT + ": " + Files.readString(out));
                Thread.sleep(200);
            }
            Files.createDirectories(MOUNT.resolve("readme"));
            Files.writeString(MOUNT.resolve("readme/hello.txt"), "hello from the README sequence\n");
            assertEquals("hello from the README sequence\n", Files.readString(MOUNT.resolve("readme/hello.txt")));

            // SIGTERM in reverse order of start: iclient (unmounts), idestroy (long done), imgr, ickpt.
            List<Long> reverse = new ArrayList<>(started);
            Collections.reverse(reverse);
            for (long pid : reverse) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new AssertionError("pid " + pid + " did not end on SIGTERM", e);
                    }
                });
            }
            assertFalse(mounted(), "iclient unmounted on SIGTERM");
        } finally {
            for (long pid : started) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (mounted()) {
                new ProcessBuilder("fusermount", "-u", "-z", MOUNT.toString()).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Whether anything (even a dead FUSE mount) is mounted there, from the kernel's mount table. */
    static boolean mounted() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].equals(MOUNT.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
