package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load run of issue 20: 8 writer threads ({@link LoadWriter}, two of each profile) spread
 * over two iclient processes mounting one volume, for {@code -Dproxyfs.load.seconds} (40 s on the
 * emulator and 15 s on real Swift by default; 600 by hand). No error may reach a writer. Then
 * every file is verified byte for byte and every directory listed from both mounts; both clients
 * unmount (SIGTERM); imgr must report no mounts and no lease objects, and {@code icheck} must find
 * the volume clean; a fresh mount must read everything back. Prints throughput by profile and by
 * operation. {@code -Dproxyfs.load.backends=emulator} (or {@code real-swift}) runs one backend only,
 * {@code -Dproxyfs.load.fuseLog=true} logs every FUSE call; on failure the clients' logs are kept
 * under {@code target/loadit-logs/}.
 */
@Timeout(3600)
class LoadIT {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    private Cluster cluster;
    private final List<Process> iclients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : iclients) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (String m : List.of("a", "b", "again")) {
            Cluster.forceUnmount(dir.resolve(m));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void eightWritersOnTwoClientsLeaveAConsistentVolumeAndNoLeases(String backend) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                List.of(System.getProperty("proxyfs.load.backends", "emulator,real-swift").split(",")).contains(backend),
                "-Dproxyfs.load.backends leaves " + backend + " out");
        boolean real = backend.equals("real-swift");
        int seconds = Integer.getInteger("proxyfs.load.seconds", real ? 15 : 40);
        long seed = Long.getLong("proxyfs.load.seed", 20261207L);
        cluster = new Cluster(real, dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process pa = launch(a, "log-a");
        Process pb = launch(b, "log-b");
        Files.createDirectories(a.resolve(LoadWriter.SHARED));

        List<LoadWriter> writers = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        LoadWriter.Profile[] profiles = LoadWriter.Profile.values();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(new LoadWriter(i, profiles[(i / 2) % profiles.length], i % 2 == 0 ? a : b, seed * 31 + i,
                    deadline, stop));
        }
        List<String> failures = runAll(writers, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            fail(failures.size() + " writers failed (seed " + seed + "):\n" + String.join("\n", failures)
                    + "\n" + logExcerpts());
        }
        String report = report(writers, elapsed, backend, seed);
        System.out.println(report);

        try {
            Thread.sleep(600);                  // both kernels' entry and attribute caches (250 ms)
            for (Path m : List.of(a, b)) {
                verify(writers, m);
            }
            stopIclient(pa);
            stopIclient(pb);
            assertNoMountsAndNoLeases();
            cluster.assertConsistent();

            Path again = dir.resolve("again");
            Process pc = launch(again, "log-again");
            verify(writers, again);
            stopIclient(pc);
            assertNoMountsAndNoLeases();
            cluster.assertConsistent();
        } catch (IOException | AssertionError e) {
            throw new AssertionError(e + "\n" + logExcerpts(), e);
        }
        long files = writers.stream().mapToLong(w -> w.files().size()).sum();
        long bytes = writers.stream().flatMap(w -> w.files().values().stream()).mapToLong(x -> x.length).sum();
        System.out.println("LoadIT " + backend + ": " + files + " files (" + bytes + " bytes) in "
                + writers.stream().mapToLong(w -> w.dirs().size()).sum() + " directories verified from both mounts"
                + " and after a remount; no mounts and no leases left at imgr; icheck clean");
    }

    private Process launch(Path mountPoint, String logDir) throws Exception {
        Path logs = dir.resolve(logDir);
        Files.createDirectories(logs);
        Process p = cluster.launchIclient(mountPoint, logs, "ICLIENT.ReadCacheLineCountMax=128",
                "ICLIENT.FUSELogEnabled=" + Boolean.getBoolean("proxyfs.load.fuseLog"));
        iclients.add(p);
        return p;
    }

    /** SIGTERM: the client writes back, unmounts FUSE and unmounts from imgr, then exits. */
    private void stopIclient(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "iclient ends on SIGTERM");
        iclients.remove(p);
    }

    private List<String> runAll(List<LoadWriter> writers, int seconds) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        List<String> failures = new ArrayList<>();
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (LoadWriter w : writers) {
                futures.add(pool.submit(w));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get(seconds + 300L, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                } catch (java.util.concurrent.TimeoutException e) {
                    failures.add("a writer did not finish within " + (seconds + 300) + " s (hung operation)");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /** Every file byte for byte, and every listing of the writers' directories, through {@code m}. */
    private static void verify(List<LoadWriter> writers, Path m) throws IOException {
        Set<String> sharedExpected = new TreeSet<>();
        for (LoadWriter w : writers) {
            for (Map.Entry<String, byte[]> f : w.files().entrySet()) {
                byte[] actual = Files.readAllBytes(m.resolve(f.getKey()));
                if (!Arrays.equals(f.getValue(), actual)) {
                    fail(m.getFileName() + ": " + f.getKey() + " has " + actual.length + " bytes, expected "
                            + f.getValue().length + ", first difference at " + Arrays.mismatch(f.getValue(), actual));
                }
            }
            for (String d : w.dirs()) {
                assertEquals(w.children(d), list(m.resolve(d)), m.getFileName() + ": listing of " + d);
            }
            sharedExpected.addAll(w.children(LoadWriter.SHARED));
        }
        assertEquals(sharedExpected, list(m.resolve(LoadWriter.SHARED)), m.getFileName() + ": listing of shared");
    }

    private static Set<String> list(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /**
     * imgr's {@code /metrics}: the volume has no mount and no inode with a lease object; its
     * {@code GET /volume} JSON agrees (no healthy or expired mounts).
     */
    private void assertNoMountsAndNoLeases() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + cluster.imgrHttpPort();
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double mounts = 0;
        double leases = 0;
        boolean leaseGauges = false;
        for (String line : metrics.split("\n")) {
            if (!line.contains("volume=\"testvol\"")) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("imgr_volume_mounts{")) {
                mounts += value;
            } else if (line.startsWith("imgr_volume_leases{")) {
                leases += value;
                leaseGauges = true;
            }
        }
        assertEquals(0, mounts, "imgr_volume_mounts after both unmounts:\n" + metrics);
        assertTrue(leaseGauges, "imgr shows the lease table of the volume that had mounts:\n" + metrics);
        assertEquals(0, leases, "imgr_volume_leases after both unmounts:\n" + metrics);
        String volumes = http.send(HttpRequest.newBuilder(URI.create(base + "/volume"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
        for (com.fasterxml.jackson.databind.JsonNode v : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(volumes)) {
            assertEquals(0, v.get("HealthyMounts").asLong() + v.get("AuthTokenExpiredMounts").asLong(),
                    "GET /volume after both unmounts: " + volumes);
        }
    }

    /** Throughput by profile and by operation. */
    private static String report(List<LoadWriter> writers, double seconds, String backend, long seed) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "LoadIT %s: %d writers on 2 clients for %.1f s (seed %d)%n", backend, writers.size(), seconds, seed));
        long allOps = 0;
        for (LoadWriter.Profile p : LoadWriter.Profile.values()) {
            long ops = 0;
            long bytes = 0;
            for (LoadWriter w : writers) {
                if (w.profile == p) {
                    for (LoadWriter.OpStats s : w.stats().values()) {
                        ops += s.count;
                        bytes += s.bytes;
                    }
                }
            }
            allOps += ops;
            out.append(String.format(Locale.ROOT, "  %-12s %7d ops  %8.1f ops/s  %7.2f MB/s moved%n", p, ops,
                    ops / seconds, bytes / seconds / 1e6));
        }
        out.append(String.format(Locale.ROOT, "  %-12s %7d ops  %8.1f ops/s%n", "all", allOps, allOps / seconds));
        Map<LoadWriter.Op, LoadWriter.OpStats> byOp = new EnumMap<>(LoadWriter.Op.class);
        for (LoadWriter w : writers) {
            for (Map.Entry<LoadWriter.Op, LoadWriter.OpStats> e : w.stats().entrySet()) {
                byOp.computeIfAbsent(e.getKey(), k -> new LoadWriter.OpStats()).addAll(e.getValue());
            }
        }
        for (Map.Entry<LoadWriter.Op, LoadWriter.OpStats> e : byOp.entrySet()) {
            LoadWriter.OpStats s = e.getValue();
            out.append(String.format(Locale.ROOT, "  %-20s %7d ops  %8.1f ops/s  mean %7.1f ms  max %8.1f ms"
                    + "  %9.2f MB%n", e.getKey(), s.count, s.count / seconds,
                    s.count == 0 ? 0.0 : s.nanos / 1e6 / s.count, s.maxNanos / 1e6, s.bytes / 1e6));
        }
        return out.toString();
    }

    /**
     * The warnings and errors, and the last lines, of each client's log, for a failure message;
     * the whole logs are kept under {@code target/loadit-logs/}.
     */
    private String logExcerpts() throws IOException {
        StringBuilder out = new StringBuilder();
        Path kept = Path.of("target", "loadit-logs", dir.getFileName().toString());
        Files.createDirectories(kept);
        out.append("whole logs in ").append(kept.toAbsolutePath()).append('\n');
        for (String d : List.of("log-a", "log-b", "log-again")) {
            for (String f : List.of("iclient.log", "iclient.out")) {
                Path log = dir.resolve(d).resolve(f);
                if (!Files.exists(log)) {
                    continue;
                }
                Files.copy(log, kept.resolve(d + "-" + f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                List<String> lines = Files.readAllLines(log);
                List<String> bad = lines.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
                out.append("---- ").append(d).append('/').append(f).append(": warnings and errors (last 40)\n");
                bad.subList(Math.max(0, bad.size() - 40), bad.size()).forEach(l -> out.append(l).append('\n'));
                out.append("---- ").append(d).append('/').append(f).append(": last 20 lines\n");
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.append(l).append('\n'));
            }
        }
        return out.toString();
    }
}
