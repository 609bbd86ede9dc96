package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real tools through a real mount (cp -a, tar, dd, truncate, ln, mv, setfattr/getfattr, mkfifo,
 * mknod, git, sqlite3, make) on the emulator and on real Swift; then unmount, remount and check
 * every file's bytes and attributes came back.
 */
@Timeout(300)
class ToolsIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String run(String script, Path mnt, Path local) throws Exception {
        Path s = LauncherCheck.top().resolve("iclient/src/test/resources/" + script);
        Process p = new ProcessBuilder("bash", s.toString(), mnt.toString(), local.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), script + " finished");
        assertEquals(0, p.exitValue(), script + " failed:\n" + out);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void toolsWorkAndEverythingSurvivesARemount(String backend) throws Exception {
        cluster = new Cluster(backend.equals("real-swift"), dir);
        Path mnt = dir.resolve("mnt");
        Path local = dir.resolve("local");
        Files.createDirectories(local);
        Iclient c = cluster.mount(mnt);
        assertTrue(run("tools-workload.sh", mnt, local).contains("DONE"));
        cluster.unmount(c);
        cluster.mount(mnt);
        assertTrue(run("tools-verify.sh", mnt, local).contains("VERIFIED"));
    }

}
