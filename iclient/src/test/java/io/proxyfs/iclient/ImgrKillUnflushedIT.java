package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change iclient wrote back by itself (the age trigger) is accepted by imgr's
 * PutInodeTableEntries but durable only at imgr's next checkpoint. imgr (a real process) killed
 * with SIGKILL before that checkpoint must not make the mounted client undo it: a rename and an
 * overwrite that returned success are still seen on the mount after imgr's restart, and are
 * durable after the next close that returned (found by {@link ImgrCrashCampaignIT}); only the
 * updates imgr lost are sent again.
 */
@Timeout(180)
class ImgrKillUnflushedIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void changesWrittenBackButNotCheckpointedSurviveKillNineOfImgr() throws Exception {
        cluster = Cluster.withImgrProcess(false, dir, "IMGR.CheckPointInterval=1h");
        Path mnt = dir.resolve("mnt");
        Iclient client = cluster.mount(mnt, "ICLIENT.FileFlushTriggerDuration=500ms");
        Files.createDirectories(mnt.resolve("d"));
        Files.writeString(mnt.resolve("d/a"), "first");              // close: written back and checkpointed
        Files.move(mnt.resolve("d/a"), mnt.resolve("d/b"));           // dirty directory, no close
        Thread.sleep(2500);                                            // the age trigger writes it back (no checkpoint)

        cluster.killImgr();
        cluster.startImgr();

        assertTrue(Files.exists(mnt.resolve("d/b")), "the rename that returned is still there after imgr's restart");
        assertFalse(Files.exists(mnt.resolve("d/a")), "the old name stays gone");
        Files.writeString(mnt.resolve("d/c"), "closed after the restart");  // a close that returned: durable
        assertEquals("first", Files.readString(mnt.resolve("d/b")));

        cluster.unmount(client);
        cluster.killImgr();                                            // only what imgr checkpointed counts now
        cluster.startImgr();
        cluster.mount(mnt);
        assertEquals("first", Files.readString(mnt.resolve("d/b")));
        assertFalse(Files.exists(mnt.resolve("d/a")));
        assertEquals("closed after the restart", Files.readString(mnt.resolve("d/c")));
    }

    /**
     * close(2) returns once imgr accepted the table update; the checkpoint that makes it durable
     * at imgr is asked for in the background. With that checkpoint held off ({@code
     * CloseCheckPointDelay=1h}, imgr's own interval 1h), files written and closed, a directory
     * made and a rename are in no checkpoint when imgr is killed with SIGKILL: the mount sends them
     * again to the restarted imgr, and they are durable after an unmount (which waits for a
     * checkpoint) and a further kill of imgr.
     */
    @Test
    void closesImgrDidNotCheckpointSurviveKillNineOfImgr() throws Exception {
        cluster = Cluster.withImgrProcess(false, dir, "IMGR.CheckPointInterval=1h");
        Path mnt = dir.resolve("mnt");
        Iclient client = cluster.mount(mnt, "ICLIENT.CloseCheckPointDelay=1h");
        Files.createDirectories(mnt.resolve("d/e"));
        for (int k = 0; k < 20; k++) {
            Files.writeString(mnt.resolve("d/e/f" + k), "closed " + k);
        }
        Files.writeString(mnt.resolve("d/tmp"), "renamed");
        Files.move(mnt.resolve("d/tmp"), mnt.resolve("d/final"));
        Files.writeString(mnt.resolve("d/last"), "last close");
        assertEquals(0L, client.stats().get("closeCheckPoints"), "no checkpoint was asked for after the closes");

        cluster.killImgr();
        cluster.startImgr();

        for (int k = 0; k < 20; k++) {
            assertEquals("closed " + k, Files.readString(mnt.resolve("d/e/f" + k)));
        }
        assertEquals("renamed", Files.readString(mnt.resolve("d/final")));
        assertFalse(Files.exists(mnt.resolve("d/tmp")));
        assertTrue(client.stats().get("updatesReplayed") >= 1, "the lost updates were sent again");

        cluster.unmount(client);
        cluster.killImgr();                                            // only what imgr checkpointed counts now
        cluster.startImgr();
        Iclient again = cluster.mount(mnt);
        for (int k = 0; k < 20; k++) {
            assertEquals("closed " + k, Files.readString(mnt.resolve("d/e/f" + k)));
        }
        assertEquals("renamed", Files.readString(mnt.resolve("d/final")));
        assertEquals("last close", Files.readString(mnt.resolve("d/last")));
        cluster.unmount(again);
        CrashDamage.assertDamageFree(cluster.check(), "after imgr's kill and the replay");
    }

    /**
     * Only what the restarted imgr lacks is sent again: an update another client's Flush made
     * durable is not applied twice (the space accounting would be off, which icheck finds).
     */
    @Test
    void onlyTheUpdatesImgrLostAreSentAgain() throws Exception {
        cluster = Cluster.withImgrProcess(false, dir, "IMGR.CheckPointInterval=1h");
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Iclient first = cluster.mount(a, "ICLIENT.FileFlushTriggerDuration=500ms");
        Iclient second = cluster.mount(b);
        Files.createDirectories(a.resolve("d"));
        Files.writeString(a.resolve("d/x"), "first");
        Files.move(a.resolve("d/x"), a.resolve("d/y"));             // written back by the age trigger
        Thread.sleep(2000);
        Files.writeString(b.resolve("other.txt"), "other");           // its close checkpoints the first rename too
        Files.move(a.resolve("d/y"), a.resolve("d/z"));             // written back, not checkpointed
        Thread.sleep(2000);

        cluster.killImgr();
        cluster.startImgr();

        assertEquals("first", Files.readString(a.resolve("d/z")));
        assertFalse(Files.exists(a.resolve("d/y")));
        long replayed = first.stats().get("updatesReplayed");
        assertTrue(replayed >= 1, "the lost rename was sent again");
        cluster.unmount(first);
        cluster.unmount(second);
        CrashDamage.assertDamageFree(cluster.check(), "after imgr's kill and the replay");
        Iclient again = cluster.mount(a);
        assertEquals("first", Files.readString(a.resolve("d/z")));
        assertEquals("other", Files.readString(a.resolve("other.txt")));
        cluster.unmount(again);
    }
}
