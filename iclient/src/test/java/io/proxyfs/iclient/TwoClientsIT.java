package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two iclients mount the same volume: what one writes and closes the other reads identically
 * (close-to-open), in both directions and through changes of names; imgr's Demote and Release
 * interrupts make each write back what the other needs.
 */
@Timeout(120)
class TwoClientsIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void whatOneWritesAndClosesTheOtherReads(String backend) throws Exception {
        cluster = new Cluster(backend.equals("real-swift"), dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Iclient ca = cluster.mount(a);
        Iclient cb = cluster.mount(b);
        byte[] data = new byte[1_500_000];
        new Random(7).nextBytes(data);
        Files.createDirectories(a.resolve("shared/dir"));
        Files.write(a.resolve("shared/dir/file.bin"), data);
        assertArrayEquals(data, Files.readAllBytes(b.resolve("shared/dir/file.bin")));

        // The other way: B changes it, A sees the change (A's cached copy was released).
        byte[] more = "appended by b".getBytes();
        Files.write(b.resolve("shared/dir/file.bin"), more, java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(300); // A's kernel attribute cache (FUSEAttrValidDuration)
        byte[] seen = Files.readAllBytes(a.resolve("shared/dir/file.bin"));
        assertEquals(data.length + more.length, seen.length);
        assertEquals("appended by b", new String(seen, data.length, more.length));

        // Names: B renames and creates, A lists.
        Files.move(b.resolve("shared/dir/file.bin"), b.resolve("shared/renamed.bin"));
        Files.writeString(b.resolve("shared/new.txt"), "new");
        Thread.sleep(300);
        assertTrue(Files.exists(a.resolve("shared/renamed.bin")));
        assertEquals("new", Files.readString(a.resolve("shared/new.txt")));
        try (var s = Files.list(a.resolve("shared"))) {
            assertEquals(3, s.count());
        }
        assertTrue(ca.stats().get("leaseDemotes") + ca.stats().get("leaseReleases") > 0, "A gave leases up");
        assertTrue(cb.stats().get("leaseDemotes") + cb.stats().get("leaseReleases") > 0, "B gave leases up");
    }

    @org.junit.jupiter.api.Test
    void concurrentAppendsFromBothClientsAreAllKept() throws Exception {
        cluster = new Cluster(false, dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        cluster.mount(a);
        cluster.mount(b);
        Files.createDirectories(a.resolve("c"));
        Files.writeString(a.resolve("c/log"), "");
        Thread.sleep(300);
        int n = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<?>> f = new java.util.ArrayList<>();
            for (Path side : java.util.List.of(a, b)) {
                f.add(pool.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        Files.writeString(side.resolve("c/log"), side.getFileName() + " " + i + "\n",
                                java.nio.file.StandardOpenOption.APPEND);
                        Files.createDirectory(side.resolve("c/" + side.getFileName() + i));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> x : f) {
                x.get(90, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(300);
        for (Path side : java.util.List.of(a, b)) {
            java.util.List<String> lines = Files.readAllLines(side.resolve("c/log"));
            assertEquals(2 * n, lines.size(), side + " sees every append: " + lines);
            try (var s = Files.list(side.resolve("c"))) {
                assertEquals(2 * n + 1, s.count(), side + " sees every directory");
            }
        }
    }
}
