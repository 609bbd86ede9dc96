package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a program closed survives a kill -9 of iclient: files written and closed (never fsync'd),
 * in new directories, renamed, are all there after a remount. iclient runs as a process
 * ({@code iclient/iclient iclient/dev.conf} with overrides), as a user runs it.
 */
@Timeout(180)
class CloseDurabilityIT {
    @TempDir
    Path dir;

    private Cluster cluster;
    private Process iclient;

    @AfterEach
    void tearDown() throws Exception {
        if (iclient != null) {
            iclient.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Cluster.forceUnmount(dir.resolve("mnt"));
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void closedFilesSurviveKillNine() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        // The age trigger is set far off so that only close can have written anything back.
        iclient = launch(mnt, "ICLIENT.FileFlushTriggerDuration=1h");
        waitMounted(mnt);

        byte[] big = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(big);
        Files.createDirectories(mnt.resolve("new/sub"));
        Files.write(mnt.resolve("new/sub/big.bin"), big);
        Files.writeString(mnt.resolve("new/small.txt"), "closed, never fsync'd\n");
        Files.writeString(mnt.resolve("tmp-name"), "renamed after close\n");
        Files.move(mnt.resolve("tmp-name"), mnt.resolve("new/final-name"));
        Files.writeString(mnt.resolve("new/last.txt"), "the rename above is durable with this close\n");

        iclient.destroyForcibly();
        assertTrue(iclient.waitFor(20, TimeUnit.SECONDS));
        iclient = null;
        Cluster.forceUnmount(mnt);

        Iclient remounted = cluster.mount(mnt);
        assertArrayEquals(big, Files.readAllBytes(mnt.resolve("new/sub/big.bin")));
        assertEquals("closed, never fsync'd\n", Files.readString(mnt.resolve("new/small.txt")));
        assertEquals("renamed after close\n", Files.readString(mnt.resolve("new/final-name")));
        assertEquals("the rename above is durable with this close\n", Files.readString(mnt.resolve("new/last.txt")));
        assertTrue(Files.notExists(mnt.resolve("tmp-name")));
    }

    private Process launch(Path mnt, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(LauncherCheck.top().resolve("iclient/iclient").toString(),
                "iclient/dev.conf"));
        String json = "{\"AuthURL\":\"" + cluster.baseUrl + "/auth/v1.0\",\"AuthUser\":\"" + RealSwift.USER
                + "\",\"AuthKey\":\"" + RealSwift.KEY + "\",\"Account\":\"AUTH_test\",\"Container\":\"" + cluster.container
                + "\"}";
        command.addAll(List.of("ICLIENT.MountPointDirPath=" + mnt, "ICLIENT.RetryRPCPort=" + cluster.imgrRpcPort(),
                "ICLIENT.HTTPServerPort=0", "ICLIENT.AuthPlugInEnvName=IAUTH_IT", "ICLIENT.AuthPlugInEnvValue=",
                "ICLIENT.FUSEAllowOther=false", "ICLIENT.LogToConsole=false",
                "ICLIENT.LogFilePath=" + dir.resolve("iclient.log")));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(LauncherCheck.top().toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("iclient.out").toFile());
        pb.environment().put("IAUTH_IT", json);
        return pb.start();
    }

    private void waitMounted(Path mnt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!MountPoint.isMounted(mnt)) {
            assertTrue(iclient.isAlive(), "iclient exited: " + Files.readString(dir.resolve("iclient.out"), StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() < deadline, "iclient did not mount " + mnt);
            Thread.sleep(100);
        }
    }
}
