package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 20, short in CI: a random-operation workload (writes at random
 * offsets, appends, truncations, fsyncs, renames, unlinks, xattrs, new directories) runs on a real
 * mount while iclient is killed with SIGKILL at a random moment; after each kill iclient is started
 * again and every file whose last change was made durable (by a close or an fsync that returned)
 * and not touched since must be there byte for byte, every other file readable, and, after a clean
 * unmount, the offline checker must find the volume consistent. {@code -Dproxyfs.campaign.kills=N}
 * (default 3) and {@code -Dproxyfs.campaign.seed=S} for a longer run.
 */
@Timeout(1800)
class CrashCampaignIT {
    private static final int FILES = 10;

    @TempDir
    Path dir;

    private Cluster cluster;
    private Process iclient;

    /** What the workload believes: the current contents, those at the last durable point, and what changed since. */
    private final Map<String, byte[]> current = new HashMap<>();
    private Map<String, byte[]> durable = new HashMap<>();
    private final Set<String> touched = new HashSet<>();

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
    void closedAndFsyncedStateSurvivesRepeatedKillNine() throws Exception {
        int kills = Integer.getInteger("proxyfs.campaign.kills", 3);
        long seed = Long.getLong("proxyfs.campaign.seed", 20261207L);
        Random random = new Random(seed);
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        String[] flushTriggers = {"ICLIENT.FileFlushTriggerSize=262144", "ICLIENT.FileFlushTriggerDuration=2s"};
        int leaks = 0;
        for (int round = 0; round < kills; round++) {
            iclient = cluster.launchIclient(mnt, dir, flushTriggers);
            AtomicBoolean stop = new AtomicBoolean();
            Random opRandom = new Random(random.nextLong());
            Thread worker = new Thread(() -> workload(mnt, opRandom, stop), "campaign-workload");
            worker.start();
            Thread.sleep(500 + random.nextInt(4000));
            iclient.destroyForcibly();
            assertTrue(iclient.waitFor(20, TimeUnit.SECONDS));
            iclient = null;
            stop.set(true);
            worker.join(60_000);
            assertTrue(!worker.isAlive(), "the workload ends once the mount is gone");
            Cluster.forceUnmount(mnt);
            // Right after the crash: no damage. Crash orphans are scrubbed; space the crash leaked
            // (see crashLeak) is counted, not failed.
            io.proxyfs.imgr.check.CheckReport afterKill = cluster.checkAndScrub(p -> switch (p.kind()) {
                case LEAKED_OBJECT, UNREACHABLE_INODE, WRONG_LINK_COUNT -> true;  // judged by assertDamageFree
                default -> false;
            });
            assertDamageFree(afterKill, "after the kill", round, seed);

            iclient = cluster.launchIclient(mnt, dir, flushTriggers);
            verifyAndResync(mnt, round, seed);
            iclient.destroy();                          // SIGTERM: write back and unmount
            assertTrue(iclient.waitFor(60, TimeUnit.SECONDS), "iclient ends on SIGTERM");
            iclient = null;
            Cluster.forceUnmount(mnt);
            io.proxyfs.imgr.check.CheckReport report = cluster.check();
            assertDamageFree(report, "after a clean unmount", round, seed);
            leaks = report.problems().size();
        }
        System.out.println("CrashCampaignIT: " + kills + " kills (seed " + seed + "), every durable state found,"
                + " no damage (crash orphans scrubbed each round); " + leaks
                + " findings of space leaked by crashes at the end");
    }

    /**
     * Space a kill -9 can leak in this format, which the campaign counts but does not fail on
     * (docs/reliability.md): objects a killed client wrote and never got referenced before imgr
     * checkpointed (the checker tells orphans from leaks by time), and an inode whose last name a
     * durable directory dropped while its DeleteInodeTableEntry never reached imgr (unreachable,
     * so its link table names a directory entry that is gone).
     */
    private boolean crashLeak(io.proxyfs.imgr.check.Problem p) {
        return switch (p.kind()) {
            case LEAKED_OBJECT, UNREACHABLE_INODE -> true;
            case WRONG_LINK_COUNT -> unreachable.contains(p.inode());
            default -> false;
        };
    }

    private final Set<Long> unreachable = new HashSet<>();

    private void assertDamageFree(io.proxyfs.imgr.check.CheckReport report, String when, int round, long seed) {
        assertTrue(report.complete(), "round " + round + " (seed " + seed + "): the check " + when + " did not finish: "
                + report.problems());
        unreachable.clear();
        for (io.proxyfs.imgr.check.Problem p : report.problems()) {
            if (p.kind() == io.proxyfs.imgr.check.ProblemKind.UNREACHABLE_INODE) {
                unreachable.add(p.inode());
            }
        }
        List<io.proxyfs.imgr.check.Problem> damage = report.problems().stream().filter(p -> !crashLeak(p)).toList();
        assertTrue(damage.isEmpty(), "round " + round + " (seed " + seed + "): " + when + " icheck found " + damage);
    }

    /** Random operations until the mount goes away (or {@code stop}). */
    private void workload(Path mnt, Random r, AtomicBoolean stop) {
        while (!stop.get()) {
            String name = "d" + r.nextInt(3) + "/f" + r.nextInt(FILES);
            Path p = mnt.resolve(name);
            int op = r.nextInt(100);
            synchronized (this) {
                touched.add(name);                       // until the op's durable point returns
            }
            try {
                Files.createDirectories(p.getParent());
                if (op < 40) {
                    write(p, name, r.nextInt(700_000), 1 + r.nextInt(200_000), r);
                } else if (op < 50) {
                    write(p, name, current.containsKey(name) ? current.get(name).length : 0, 1 + r.nextInt(50_000), r);
                } else if (op < 60) {
                    truncate(p, name, r.nextInt(400_000));
                } else if (op < 70) {
                    if (Files.exists(p)) {
                        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                        markDurable();
                    }
                } else if (op < 80) {
                    String to = "d" + r.nextInt(3) + "/f" + r.nextInt(FILES);
                    if (current.containsKey(name) && !to.equals(name)) {
                        synchronized (this) {
                            touched.add(to);
                        }
                        Files.createDirectories(mnt.resolve(to).getParent());
                        Files.move(p, mnt.resolve(to), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        current.put(to, current.remove(name));
                    }
                } else if (op < 88) {
                    if (current.containsKey(name)) {
                        Files.delete(p);
                        current.remove(name);
                    }
                } else {
                    if (current.containsKey(name)) {
                        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
                                .write("user.campaign", ByteBuffer.wrap(("x" + r.nextInt()).getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return;                                  // the mount went away under the operation
            }
        }
    }

    private void write(Path p, String name, int offset, int length, Random r) throws IOException {
        byte[] data = new byte[length];
        r.nextBytes(data);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), offset);
        }
        byte[] before = current.getOrDefault(name, new byte[0]);
        byte[] after = Arrays.copyOf(before, Math.max(before.length, offset + length));
        System.arraycopy(data, 0, after, offset, length);
        current.put(name, after);
        markDurable();                                   // close returned: the mount's changes are durable
    }

    private void truncate(Path p, String name, int size) throws IOException {
        if (!current.containsKey(name)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
        byte[] before = current.get(name);
        current.put(name, Arrays.copyOf(before, Math.min(before.length, size)));
        markDurable();
    }

    private synchronized void markDurable() {
        durable = new HashMap<>(current);
        touched.clear();
    }

    /** Checks the remounted volume against the model, then takes what is there as the new model. */
    private synchronized void verifyAndResync(Path mnt, int round, long seed) throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> names = new TreeSet<>(durable.keySet());
        names.addAll(current.keySet());
        names.addAll(touched);
        for (String name : names) {
            Path p = mnt.resolve(name);
            byte[] expected = durable.get(name);
            byte[] actual;
            try {
                actual = Files.readAllBytes(p);
            } catch (NoSuchFileException e) {
                actual = null;
            }
            if (touched.contains(name)) {
                continue;                                // changed after the last durable point: either state
            }
            if (expected == null && actual != null) {
                wrong.add(name + " exists but was removed before a durable point");
            } else if (expected != null && actual == null) {
                wrong.add(name + " is missing");
            } else if (expected != null && !Arrays.equals(expected, actual)) {
                wrong.add(name + " has " + actual.length + " bytes, expected " + expected.length
                        + " (first difference at " + Arrays.mismatch(expected, actual) + ")");
            }
        }
        assertTrue(wrong.isEmpty(), "round " + round + " (seed " + seed + "): " + wrong);
        current.clear();
        for (int d = 0; d < 3; d++) {
            Path dirPath = mnt.resolve("d" + d);
            if (Files.isDirectory(dirPath)) {
                try (var s = Files.list(dirPath)) {
                    for (Path f : s.toList()) {
                        current.put("d" + d + "/" + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
        }
        markDurable();
    }
}
