package io.proxyfs.bench.imgr;

import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.imgr.ImgrConfig;
import io.proxyfs.imgr.volume.SwiftVolumeObjects;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.sortedmap.BPlusTreeCache;
import io.proxyfs.swift.SwiftClientSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The checkpoint half of {@link ImgrBenchmark}: for each size, a freshly formatted volume on a
 * fresh in-memory Swift emulator, its inode table filled through {@link Volume#putInodeTableEntries}
 * (no RPC), then the time of {@link Volume#checkPoint}: the first, full one; one after changing 1%
 * of the entries spread at random; one after changing a contiguous 1%. Each is compared with a
 * plain PUT of one object as large as everything that checkpoint wrote, through the same client
 * to the same Swift, right after it. During the 1%-at-random checkpoint a reader thread measures
 * how long a GetInodeTableEntry waits for it. Afterwards the volume is opened again from Swift and checked entry by entry
 * (a sample), so a checkpoint that wrote the wrong thing fails the run. Not thread-safe: run once.
 */
final class CheckPointBenchmark {
    private static final int FILL_BATCH = 10_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final ImgrConfig config;
    private final PrintStream out;

    CheckPointBenchmark(ImgrConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Runs an unreported warm-up of {@code warmupInodes}, then each size {@code rounds} times, printing medians. */
    void run(int warmupInodes, long[] sizes, int rounds) throws Exception {
        if (!CPU.isCurrentThreadCpuTimeSupported() || !CPU.isThreadCpuTimeEnabled()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        measure(warmupInodes);
        out.printf("%ncheckpoints on the Swift emulator (in memory, loopback HTTP); %d inodes per B+tree page, "
                + "node cache %d/%d; each figure the median of %d rounds (a fresh volume each); baseline: one PUT "
                + "of an object as large as the checkpoint wrote in all, same client, same Swift; CPU ms: the "
                + "checkpointing thread's CPU time%n",
                config.inodeTableMaxInodesPerBPlusTreePage(), config.inodeTableCacheEvictLowLimit(),
                config.inodeTableCacheEvictHighLimit(), rounds);
        out.printf("%-9s %-14s %9s %8s %6s %11s %9s | %9s %9s | %12s%n", "inodes", "checkpoint", "time ms", "CPU ms",
                "writes", "bytes", "Swift ms", "PUT ms", "ckpt/PUT", "Get wait ms");
        for (long n : sizes) {
            List<Round> results = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                results.add(measure(Math.toIntExact(n)));
            }
            String[] labels = {"full", "1% at random", "1% contiguous"};
            for (int k = 0; k < labels.length; k++) {
                int kind = k;
                row(n, labels[k], results.stream().map(r -> r.checkPoints()[kind]).toList());
            }
        }
    }

    /**
     * One timed checkpoint (wall time, and CPU time of the thread that ran it), what it wrote, the
     * baseline PUT of as many bytes, and the longest a GetInodeTableEntry issued during it waited
     * (only measured for the 1%-at-random checkpoint).
     */
    private record Measured(long nanos, long cpuNanos, CountingVolumeObjects.Written written, long putNanos,
            long getWaitNanos) {
    }

    /** One round: the full, the 1%-at-random and the 1%-contiguous checkpoint. */
    private record Round(Measured[] checkPoints) {
    }

    private Round measure(int n) throws Exception {
        ThreadPoolExecutor deleter = (ThreadPoolExecutor) Executors.newFixedThreadPool(
                config.parallelObjectDeletePerVolumeLimit());
        try (BenchSwift swift = BenchSwift.emulator()) {
            VolumeSettings settings = new VolumeSettings(config.fetchNonceRangeToReturn(),
                    config.parallelObjectDeletePerVolumeLimit(), new BPlusTreeCache(
                            config.inodeTableCacheEvictLowLimit(), config.inodeTableCacheEvictHighLimit()));
            format(swift, settings, deleter);
            CountingVolumeObjects objects = new CountingVolumeObjects(new SwiftVolumeObjects(swift.client(),
                    swift.container()));
            Volume volume = Volume.open("bench", objects, settings, deleter);
            long first = volume.fetchNonceRange(n).next();
            BitSet changed = new BitSet(n);
            fill(volume, first, n, i -> true, false);
            Measured full = checkPoint(volume, objects, deleter, swift, -1);

            BitSet spread = new BitSet(n);
            Random random = new Random(n);
            while (spread.cardinality() < n / 100) {
                spread.set(random.nextInt(n));
            }
            fill(volume, first, n, spread::get, true);
            changed.or(spread);
            Measured scattered = checkPoint(volume, objects, deleter, swift, first);

            int from = n / 2;
            fill(volume, first, n, i -> i >= from && i < from + n / 100, true);
            changed.set(from, from + n / 100);
            Measured clustered = checkPoint(volume, objects, deleter, swift, -1);

            verify(swift, settings, deleter, first, n, changed);
            return new Round(new Measured[] {full, scattered, clustered});
        } finally {
            deleter.shutdown();
            if (!deleter.awaitTermination(60, TimeUnit.SECONDS)) {
                deleter.shutdownNow();
                throw new IllegalStateException("object deletes did not finish within 60 s");
            }
        }
    }

    private void format(BenchSwift swift, VolumeSettings settings, ThreadPoolExecutor deleter) throws Exception {
        try (VolumeManager manager = new VolumeManager(SwiftClientSettings.defaults(), settings, Duration.ofHours(1),
                deleter, Optional.empty())) {
            manager.format(swift.containerUrl(), swift.token(), config.inodeTableMaxInodesPerBPlusTreePage(),
                    config.rootDirMaxDirEntriesPerBPlusTreePage());
        }
    }

    /** The value of {@code inode}: its head object (one higher once changed) and the head's length. */
    private static InodeTableEntryValueV1 valueOf(long inode, boolean changed) {
        return new InodeTableEntryValueV1(inode * 2 + (changed ? 1 : 0), changed ? 175 : 174);
    }

    /** Puts entry {@code i} for every {@code i < n} that {@code which} selects, with its original or changed value. */
    private static void fill(Volume volume, long first, int n, IntPredicate which, boolean changedValues)
            throws IOException {
        List<PutInodeTableEntry> batch = new ArrayList<>(FILL_BATCH);
        for (int i = 0; i < n; i++) {
            if (!which.test(i)) {
                continue;
            }
            InodeTableEntryValueV1 v = valueOf(first + i, changedValues);
            batch.add(new PutInodeTableEntry(first + i, v.inodeHeadObjectNumber(), v.inodeHeadLength()));
            if (batch.size() == FILL_BATCH) {
                volume.putInodeTableEntries(batch, 0, 0, 0, List.of());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            volume.putInodeTableEntries(batch, 0, 0, 0, List.of());
        }
    }

    /**
     * Times a checkpoint and its baseline PUT. With {@code probeInode} not -1, a reader thread
     * calls {@link Volume#getInodeTableEntry} on it in a loop during the checkpoint, recording the
     * longest call: how long the checkpoint keeps the volume's inode table from its RPCs.
     */
    private static Measured checkPoint(Volume volume, CountingVolumeObjects objects, ThreadPoolExecutor deleter,
            BenchSwift swift, long probeInode) throws Exception {
        quiesce(deleter);
        objects.reset();
        GetProbe probe = probeInode == -1 ? null : GetProbe.start(volume, probeInode);
        long nanos;
        long cpuNanos;
        try {
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            volume.checkPoint();
            nanos = System.nanoTime() - t0;
            cpuNanos = CPU.getCurrentThreadCpuTime() - cpu0;
        } finally {
            if (probe != null) {
                probe.stop();
            }
        }
        CountingVolumeObjects.Written written = objects.reset();
        if (written.writes() == 0) {
            throw new IllegalStateException("a checkpoint of a changed volume wrote nothing");
        }
        quiesce(deleter);
        return new Measured(nanos, cpuNanos, written, baseline(swift, written.bytes()), probe == null ? -1 : probe.longestNanos());
    }

    /** Waits until no object delete is queued or running, so that they do not overlap a timing. */
    private static void quiesce(ThreadPoolExecutor deleter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (deleter.getActiveCount() > 0 || !deleter.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("object deletes still running after 60 s");
            }
            Thread.sleep(1);
        }
    }

    /** The time of one PUT of an object of {@code bytes} bytes (deleted again). */
    private static long baseline(BenchSwift swift, long bytes) throws IOException {
        byte[] data = new byte[Math.toIntExact(bytes)];
        new Random(bytes).nextBytes(data);
        long t0 = System.nanoTime();
        swift.client().putObject(swift.container(), "baseline", data);
        long nanos = System.nanoTime() - t0;
        swift.client().deleteObject(swift.container(), "baseline");
        return nanos;
    }

    /** Opens the volume again from Swift, with no cache, and checks a sample of entries. */
    private static void verify(BenchSwift swift, VolumeSettings settings, ThreadPoolExecutor deleter, long first,
            int n, BitSet changed) throws IOException {
        Volume reopened = Volume.open("bench-check", new SwiftVolumeObjects(swift.client(), swift.container()),
                new VolumeSettings(settings.fetchNonceRangeToReturn(), settings.parallelObjectDeleteLimit(), null),
                deleter);
        if (reopened.status().numInodes() != n + 1) {
            throw new IllegalStateException("reopened volume has " + reopened.status().numInodes()
                    + " inodes, expected " + (n + 1));
        }
        Random random = new Random(-n);
        for (int k = 0; k < 2000; k++) {
            int i = k % 2 == 0 ? random.nextInt(n) : Math.max(0, changed.nextSetBit(random.nextInt(n)));
            InodeTableEntryValueV1 expected = valueOf(first + i, changed.get(i));
            InodeTableEntryValueV1 got = reopened.getInodeTableEntry(first + i).orElse(null);
            if (!expected.equals(got)) {
                throw new IllegalStateException("after the checkpoints, inode " + Long.toHexString(first + i)
                        + " reads " + got + ", expected " + expected);
            }
        }
    }

    private void row(long n, String label, List<Measured> rounds) {
        Measured any = rounds.get(0);
        for (Measured m : rounds) {
            if (m.written().bytes() != any.written().bytes() || m.written().writes() != any.written().writes()) {
                throw new IllegalStateException(n + " inodes, " + label + ": rounds wrote different amounts ("
                        + m.written() + " and " + any.written() + ")");
            }
        }
        double time = median(rounds, Measured::nanos);
        double put = median(rounds, Measured::putNanos);
        double wait = median(rounds, Measured::getWaitNanos);
        out.printf("%-9d %-14s %9.1f %8.1f %6d %11d %9.1f | %9.1f %9.2f | %12s%n", n, label, time / 1e6,
                median(rounds, Measured::cpuNanos) / 1e6, any.written().writes(), any.written().bytes(), median(rounds, m -> m.written().nanos()) / 1e6,
                put / 1e6, time / put, wait < 0 ? "" : String.format("%.1f", wait / 1e6));
        out.flush();
    }

    private static double median(List<Measured> rounds, java.util.function.ToLongFunction<Measured> field) {
        long[] values = rounds.stream().mapToLong(field).sorted().toArray();
        return values[values.length / 2];
    }
}
