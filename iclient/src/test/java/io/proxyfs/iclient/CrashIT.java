package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures: an iclient process killed with SIGKILL right after fsync keeps every fsync'd byte
 * (seen by a new mount); an iclient started by its launcher and stopped with SIGTERM writes back
 * and unmounts cleanly (its own mount only: one mounted over it stays), and one whose mount is
 * taken away by {@code fusermount -u} stops by itself;
 * an imgr restart under a live mount is ridden through (EUnknownMountID: mount again, take the
 * leases again, carry on).
 */
@Timeout(180)
class CrashIT {
    @TempDir
    Path dir;

    private Cluster cluster;
    private Process process;

    @AfterEach
    void tearDown() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
        Cluster.forceUnmount(dir.resolve("mnt"));
    }

    private Process launch(Path mnt) throws Exception {
        Files.createDirectories(mnt);
        List<String> cmd = new ArrayList<>(List.of(LauncherCheck.top().resolve("iclient/iclient").toString(),
                LauncherCheck.top().resolve("iclient/dev.conf").toString()));
        cluster.conf(mnt).asMap().get("ICLIENT").forEach((k, v) -> {
            if (List.of("MountPointDirPath", "RetryRPCPort", "HTTPServerPort", "AuthPlugInEnvValue",
                    "FileFlushTriggerDuration", "FUSEAllowOther").contains(k)) {
                cmd.add("ICLIENT." + k + "=" + String.join("\\u002C", v));
            }
        });
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("iclient-process.log").toFile()).start();
        assertTrue(MountPoint.await(mnt, true, 60_000), "the iclient process mounted "
                + Files.readString(dir.resolve("iclient-process.log")));
        return p;
    }

    @Test
    void fsyncedDataSurvivesKillMinus9AndSigtermUnmountsCleanly() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        process = launch(mnt);
        byte[] data = new byte[700_000];
        new Random(3).nextBytes(data);
        Files.createDirectories(mnt.resolve("d"));
        try (FileChannel ch = FileChannel.open(mnt.resolve("d/synced.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data));
            ch.force(true);
        }
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        Cluster.forceUnmount(mnt);
        assertTrue(MountPoint.await(mnt, false, 10_000));

        Iclient again = cluster.mount(mnt);
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("d/synced.bin")));
        cluster.unmount(again);

        // SIGTERM: the process writes back (no fsync here) and unmounts before it exits.
        process = launch(mnt);
        Files.writeString(mnt.resolve("d/unsynced.txt"), "written back on SIGTERM");
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("iclient-process.log")));
        assertTrue(MountPoint.await(mnt, false, 5_000), "unmounted by SIGTERM");
        cluster.mount(mnt);
        assertEquals("written back on SIGTERM", Files.readString(mnt.resolve("d/unsynced.txt")));
    }

    @Test
    void anUnmountByFusermountStopsTheProcessCleanly() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        process = launch(mnt);
        Files.writeString(mnt.resolve("closed.txt"), "closed before the unmount");
        awaitUp();
        Process fusermount = new ProcessBuilder("fusermount", "-u", mnt.toString()).redirectErrorStream(true).start();
        assertTrue(fusermount.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, fusermount.exitValue(), new String(fusermount.getInputStream().readAllBytes()));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "iclient exits once its mount is gone");
        String log = Files.readString(dir.resolve("iclient-process.log"));
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("was unmounted by someone else"), log);
        assertTrue(log.contains("DaemonRunner: DOWN"), log);
        assertTrue(MountPoint.await(mnt, false, 5_000));
        cluster.mount(mnt);
        assertEquals("closed before the unmount", Files.readString(mnt.resolve("closed.txt")));
    }

    @Test
    void sigtermLeavesAMountStackedOnTopOfItsOwnAlone() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        process = launch(mnt);
        awaitUp();
        Process cover = new ProcessBuilder("mount", "-t", "tmpfs", "proxyfs-crashit-cover", mnt.toString())
                .redirectErrorStream(true).start();
        assertTrue(cover.waitFor(30, TimeUnit.SECONDS));
        Assumptions.assumeTrue(cover.exitValue() == 0, "mounting a tmpfs needs root: "
                + new String(cover.getInputStream().readAllBytes()));
        try {
            Files.writeString(mnt.resolve("on-top.txt"), "another file system mounted over iclient's");
            process.destroy();                          // SIGTERM: iclient unmounts its own mount only
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            String log = Files.readString(dir.resolve("iclient-process.log"));
            assertEquals(0, process.exitValue(), log);
            assertEquals("another file system mounted over iclient's", Files.readString(mnt.resolve("on-top.txt")),
                    "the tmpfs mounted over iclient's mount is still there");
            assertTrue(log.contains("another mount on top of it"), log);
        } finally {
            new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
        Cluster.forceUnmount(mnt);                      // iclient's own, dead since its exit
        assertTrue(MountPoint.await(mnt, false, 5_000));
    }

    private void awaitUp() throws Exception {
        // Up, not only mounted: jnr-fuse's mount waits ~2 s after the kernel mount for early failures.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(dir.resolve("iclient-process.log")).contains("DaemonRunner: UP")) {
            assertTrue(System.nanoTime() < deadline, "iclient logged UP");
            Thread.sleep(50);
        }
    }

    @Test
    void anImgrRestartIsRiddenThrough() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt);
        Files.writeString(mnt.resolve("before.txt"), "before");
        try (FileChannel ch = FileChannel.open(mnt.resolve("before.txt"), StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        // A file unlinked while open must live until its last close, across the restart too.
        java.nio.channels.SeekableByteChannel open = Files.newByteChannel(mnt.resolve("tmp.bin"),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        open.write(ByteBuffer.wrap("still here".getBytes()));
        Files.delete(mnt.resolve("tmp.bin"));
        cluster.stopImgr();
        cluster.startImgr();
        Files.writeString(mnt.resolve("after.txt"), "after");
        Thread.sleep(1500); // the open is registered with the new imgr in the background, then written back
        ByteBuffer back = ByteBuffer.allocate(10);
        open.position(0);
        open.read(back);
        assertEquals("still here", new String(back.array()));
        open.close();
        assertEquals("before", Files.readString(mnt.resolve("before.txt")));
        try (FileChannel ch = FileChannel.open(mnt.resolve("after.txt"), StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        assertTrue(c.stats().get("imgrRemounts") >= 1, "mounted again");
        cluster.unmount(c);
        cluster.mount(mnt);
        assertEquals("after", Files.readString(mnt.resolve("after.txt")));
        assertEquals("before", Files.readString(mnt.resolve("before.txt")));
    }

    @Test
    void revokedTokensAreRenewedThroughTheAuthPlugIn() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt);
        Files.writeString(mnt.resolve("one.txt"), "one");
        c.fileSystem().fsync();
        cluster.emulator().revokeTokens();
        Thread.sleep(1500); // past imgr's AuthTokenCheckInterval: it will refuse the old token
        Files.writeString(mnt.resolve("two.txt"), "two");
        c.fileSystem().fsync();
        assertEquals("one", Files.readString(mnt.resolve("one.txt")));
        assertTrue(c.stats().get("imgrRenewals") >= 1, "RenewMount sent: " + c.stats());
        cluster.unmount(c);
        cluster.mount(mnt);
        assertEquals("two", Files.readString(mnt.resolve("two.txt")));
    }
}
