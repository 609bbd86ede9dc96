package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.inode.FileSystem;
import io.proxyfs.iclient.inode.FsSettings;
import io.proxyfs.imgr.check.CheckReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Space accounting under a seeded random workload, without FUSE: writes at random offsets,
 * appends, truncations, renames that replace, unlinks (also of files whose last handle is not yet
 * released, as FUSE's asynchronous release does) and xattrs on {@link FileSystem}, with a small
 * FileFlushTriggerSize so size-triggered write-backs interleave with truncations; after every
 * write-back (close, fsync, truncation) the offline checker must find the volume consistent
 * (no missing or leaked object, layouts and superblock counts exact) and every file must read
 * back as the model says. Deterministic: the age trigger is an hour away.
 */
@Timeout(600)
class LayoutAccountingTest {
    private static final int RDWR = 2;

    @TempDir
    Path dir;

    private Cluster cluster;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private FileSystem fs;

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private FileSystem mount() throws Exception {
        return cluster.fileSystem(new FsSettings(4, 4, 16 * 1024, Duration.ofHours(1), 255, 512), opened);
    }

    private static List<String> p(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String parent(String name) {
        return name.substring(0, name.indexOf('/'));
    }

    private static String base(String name) {
        return name.substring(name.indexOf('/') + 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 99, 20261207})
    void everyWriteBackLeavesAConsistentVolume(long seed) throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
        Random r = new Random(seed);
        Map<String, byte[]> model = new HashMap<>();
        Deque<Long> unreleased = new ArrayDeque<>();
        for (int d = 0; d < 2; d++) {
            fs.mkdir(p("/"), "d" + d, 0755, 0, 0);
        }
        int checks = 0;
        for (int step = 0; step < 250; step++) {
            String name = "d" + r.nextInt(2) + "/f" + r.nextInt(4);
            int op = r.nextInt(100);
            String what;
            if (op < 45) {
                byte[] before = model.getOrDefault(name, new byte[0]);
                int offset = op < 35 ? r.nextInt(80_000) : before.length;
                int length = 1 + r.nextInt(op < 35 ? 40_000 : 10_000);
                byte[] data = new byte[length];
                r.nextBytes(data);
                long fh = fs.create(p(parent(name)), base(name), 0644, RDWR, 0, 0);
                for (int at = 0; at < length; at += 8192) {
                    int n = Math.min(8192, length - at);
                    fs.write(fh, offset + at, Arrays.copyOfRange(data, at, at + n), n);
                }
                fs.flushOnClose();
                unreleased.add(fh);
                byte[] after = Arrays.copyOf(before, Math.max(before.length, offset + length));
                System.arraycopy(data, 0, after, offset, length);
                model.put(name, after);
                what = "write " + name + " [" + offset + ", +" + length + ")";
            } else if (op < 60) {
                if (!model.containsKey(name)) {
                    continue;
                }
                int size = r.nextInt(60_000);
                long fh = fs.open(p(name), RDWR);
                fs.ftruncate(fh, size);
                fs.flushOnClose();
                unreleased.add(fh);
                model.put(name, Arrays.copyOf(model.get(name), size));
                what = "truncate " + name + " to " + size;
            } else if (op < 72) {
                String to = "d" + r.nextInt(2) + "/f" + r.nextInt(4);
                if (!model.containsKey(name) || to.equals(name)) {
                    continue;
                }
                fs.rename(p(parent(name)), base(name), p(parent(to)), base(to));
                model.put(to, model.remove(name));
                fs.flushOnClose();
                what = "rename " + name + " over " + to;
            } else if (op < 82) {
                if (!model.containsKey(name)) {
                    continue;
                }
                fs.unlink(p(parent(name)), base(name));
                model.remove(name);
                fs.flushOnClose();
                what = "unlink " + name;
            } else if (op < 90) {
                if (!model.containsKey(name)) {
                    continue;
                }
                fs.setxattr(p(name), "user.t", ("x" + r.nextInt()).getBytes(StandardCharsets.UTF_8), 0);
                fs.fsync();
                what = "setxattr " + name;
            } else {
                fs.fsync();
                what = "fsync";
            }
            // FUSE releases asynchronously: a handle may outlive the next operation (an unlink or
            // rename then meets a file still open); the volume is checked once none is left open.
            while (unreleased.size() > 1 || !unreleased.isEmpty() && r.nextBoolean()) {
                fs.release(unreleased.poll());
            }
            if (!unreleased.isEmpty()) {
                continue;
            }
            // close leaves imgr's checkpoint to the background, and a last close may have deleted
            // an unlinked inode in imgr: fsync waits for a checkpoint of every change so far (a
            // checkpoint with nothing changed writes nothing, so the check below sees a still volume).
            fs.fsync();
            CheckReport report = cluster.check();
            checks++;
            assertTrue(report.clean() && report.complete(),
                    "seed " + seed + " step " + step + " (" + what + "): icheck found " + report.problems());
        }
        while (!unreleased.isEmpty()) {
            fs.release(unreleased.poll());
        }
        fs.fsync();
        for (Map.Entry<String, byte[]> e : model.entrySet()) {
            long fh = fs.open(p(e.getKey()), 0);
            byte[] got = fs.read(fh, 0, e.getValue().length + 10);
            fs.release(fh);
            assertArrayEquals(e.getValue(), got, "seed " + seed + ": " + e.getKey());
        }
        CheckReport report = cluster.check();
        assertTrue(report.clean() && report.complete(), "seed " + seed + " at the end: icheck found "
                + report.problems());
        assertTrue(checks > 100, "checks " + checks);
    }

    /**
     * A size trigger of one file must not send the DeleteInodeTableEntry of a file unlinked
     * meanwhile, whose directory is not written back yet: a crash then (imgr checkpoints, the
     * client never writes again) would leave a durable name for a deleted inode. The size trigger
     * sends the full object ahead without a table update, so the crash may leak that object
     * (space, which the scrub reclaims), never more.
     */
    @org.junit.jupiter.api.Test
    void anUnlinkedInodeIsDeletedOnlyAfterItsDirectoryIsWrittenBack() throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
        fs.mkdir(p("/"), "d", 0755, 0, 0);
        long a = fs.create(p("/d"), "a", 0644, RDWR, 0, 0);
        fs.write(a, 0, new byte[100], 100);
        fs.release(a);
        long b = fs.create(p("/d"), "b", 0644, RDWR, 0, 0);
        fs.fsync();
        fs.unlink(p("/d"), "a");
        for (int i = 0; i < 4; i++) {
            fs.write(b, i * 8192L, new byte[8192], 8192);  // the third write sends b's first object ahead
        }
        cluster.stopImgr();                                 // a crash of the client: imgr checkpoints what it has
        try {
            assertOnlyLeakedObjects(cluster.check());
        } finally {
            cluster.startImgr();
        }
        fs.release(b);
    }

    /**
     * A size trigger of a new file must not make it durable without the directory naming it: a
     * crash then would otherwise leave a durable inode that no durable name reaches. (The object
     * sent ahead may leak, as above.)
     */
    @org.junit.jupiter.api.Test
    void aNewFileReachesImgrWithItsName() throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
        fs.mkdir(p("/"), "d", 0755, 0, 0);
        fs.fsync();
        long c = fs.create(p("/d"), "c", 0644, RDWR, 0, 0);
        for (int i = 0; i < 4; i++) {
            fs.write(c, i * 8192L, new byte[8192], 8192);  // the third write sends c's first object ahead
        }
        cluster.stopImgr();                                 // a crash of the client: imgr checkpoints what it has
        try {
            assertOnlyLeakedObjects(cluster.check());
        } finally {
            cluster.startImgr();
        }
        fs.release(c);
    }

    /**
     * A file written past the size trigger and unlinked while still open, then closed: the
     * objects sent ahead were never in imgr's table, so the client deletes them itself; nothing
     * is left behind.
     */
    @org.junit.jupiter.api.Test
    void objectsSentAheadOfAnUnlinkedFileAreDeleted() throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
        fs.mkdir(p("/"), "d", 0755, 0, 0);
        fs.fsync();
        long h = fs.create(p("/d"), "big", 0644, RDWR, 0, 0);
        byte[] data = new byte[100_000];
        new Random(7).nextBytes(data);
        for (int at = 0; at < data.length; at += 8192) {
            int n = Math.min(8192, data.length - at);
            fs.write(h, at, Arrays.copyOfRange(data, at, at + n), n);
        }
        assertTrue(fs.stats().get("objectsSentAhead") >= 4, "stats " + fs.stats());
        assertTrue(Arrays.equals(data, fs.read(h, 0, data.length)), "read back before any write-back");
        fs.unlink(p("/d"), "big");
        fs.release(h);
        fs.fsync();
        assertCleanWithin20Seconds(); // the deletes run after their PUTs, on the flusher's pool
    }

    /**
     * Many files unlinked between two write-backs: their DeleteInodeTableEntry calls go to imgr
     * together (several at once), and every one of them counts: imgr knows none of the inodes
     * any more, the accounting matches what is left, and their objects are all reclaimed.
     */
    @org.junit.jupiter.api.Test
    void manyUnlinksInOneWriteBackAreAllDeletedInImgr() throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
        fs.mkdir(p("/"), "d", 0755, 0, 0);
        for (int i = 0; i < 60; i++) {
            long h = fs.create(p("/d"), "f" + i, 0644, RDWR, 0, 0);
            fs.write(h, 0, new byte[] {(byte) i}, 1);
            fs.release(h);
        }
        fs.fsync();
        long before = cluster.check().inodes();
        for (int i = 0; i < 60; i++) {
            fs.unlink(p("/d"), "f" + i);
        }
        fs.fsync();
        assertEquals(0, fs.stats().get("uncheckpointedUpdates"), "stats " + fs.stats());
        assertEquals(before - 60, cluster.check().inodes(), "inodes in imgr's table after the unlinks");
        assertCleanWithin20Seconds(); // imgr deletes the objects after the checkpoint that dropped them
    }

    /** icheck finds nothing within 20 s (objects are deleted in the background), checked every 200 ms. */
    private void assertCleanWithin20Seconds() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        CheckReport report = cluster.check();
        while (!report.problems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            report = cluster.check();
        }
        assertTrue(report.clean() && report.complete(), "icheck found " + report.problems());
    }

    private static void assertOnlyLeakedObjects(CheckReport report) {
        assertTrue(report.complete(), "icheck did not complete");
        for (io.proxyfs.imgr.check.Problem p : report.problems()) {
            assertTrue(p.kind() == io.proxyfs.imgr.check.ProblemKind.LEAKED_OBJECT, "icheck found " + report.problems());
        }
    }
}
