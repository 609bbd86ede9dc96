package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /** SIGKILL of the iclient process, and the dead mount it leaves cleared. */
    private void killIclient(Path mnt) throws Exception {
        iclient.destroyForcibly();
        assertTrue(iclient.waitFor(20, TimeUnit.SECONDS));
        iclient = null;
        Cluster.forceUnmount(mnt);
    }

    @Test
    void closedFilesSurviveKillNine() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        // The age trigger is set far off so that only close can have written anything back.
        iclient = cluster.launchIclient(mnt, dir, "ICLIENT.FileFlushTriggerDuration=1h");

        byte[] big = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(big);
        Files.createDirectories(mnt.resolve("new/sub"));
        Files.write(mnt.resolve("new/sub/big.bin"), big);
        Files.writeString(mnt.resolve("new/small.txt"), "closed, never fsync'd\n");
        Files.writeString(mnt.resolve("tmp-name"), "renamed after close\n");
        Files.move(mnt.resolve("tmp-name"), mnt.resolve("new/final-name"));
        Files.writeString(mnt.resolve("new/last.txt"), "the rename above is durable with this close\n");

        killIclient(mnt);

        Iclient remounted = cluster.mount(mnt);
        assertArrayEquals(big, Files.readAllBytes(mnt.resolve("new/sub/big.bin")));
        assertEquals("closed, never fsync'd\n", Files.readString(mnt.resolve("new/small.txt")));
        assertEquals("renamed after close\n", Files.readString(mnt.resolve("new/final-name")));
        assertEquals("the rename above is durable with this close\n", Files.readString(mnt.resolve("new/last.txt")));
        assertTrue(Files.notExists(mnt.resolve("tmp-name")));

        // A crash leaves no damage, only crash orphans (objects written and never referenced):
        // the offline checker finds the volume consistent.
        cluster.unmount(remounted);
        cluster.assertConsistent();
    }
    /**
     * close(2) does not wait for imgr's checkpoint: with the mount's checkpoint request held off
     * ({@code CloseCheckPointDelay=1h}) and imgr's own interval 1h, iclient killed with SIGKILL
     * right after the closes leaves the updates in imgr's memory only; imgr (a real process)
     * checkpoints them at its orderly stop, and a remount after its restart finds every file.
     */
    @Test
    void closedFilesSurviveKillNineBeforeAnyCheckpoint() throws Exception {
        cluster = Cluster.withImgrProcess(false, dir, "IMGR.CheckPointInterval=1h");
        Path mnt = dir.resolve("mnt");
        Files.createDirectories(mnt);
        iclient = cluster.launchIclient(mnt, dir, "ICLIENT.FileFlushTriggerDuration=1h",
                "ICLIENT.CloseCheckPointDelay=1h");
        Files.createDirectories(mnt.resolve("d"));
        for (int k = 0; k < 10; k++) {
            Files.writeString(mnt.resolve("d/f" + k), "closed " + k);
        }
        Files.writeString(mnt.resolve("tmp"), "renamed after close");
        Files.move(mnt.resolve("tmp"), mnt.resolve("d/renamed"));
        Files.writeString(mnt.resolve("d/last"), "last");

        killIclient(mnt);
        cluster.stopImgr();
        cluster.startImgr();

        Iclient remounted = cluster.mount(mnt);
        for (int k = 0; k < 10; k++) {
            assertEquals("closed " + k, Files.readString(mnt.resolve("d/f" + k)));
        }
        assertEquals("renamed after close", Files.readString(mnt.resolve("d/renamed")));
        assertEquals("last", Files.readString(mnt.resolve("d/last")));
        cluster.unmount(remounted);
        cluster.assertConsistent();
    }
}
