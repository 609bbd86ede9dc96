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
