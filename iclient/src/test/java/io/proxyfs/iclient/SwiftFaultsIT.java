package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iswift.FaultInjector;
import io.proxyfs.iswift.FaultRule;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file workload through a real mount while the Swift emulator answers a random 5% or 20% of
 * object requests (GET, PUT, HEAD, DELETE, from iclient and imgr alike) with 503, delays some and
 * drops some connections: with retry limits that cover the rate, every operation succeeds (no
 * error reaches the application), every byte reads back after a remount, and the volume checks
 * consistent.
 */
@Timeout(600)
class SwiftFaultsIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.faults().clear();
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0} of object requests fail")
    @ValueSource(doubles = {0.05, 0.20})
    void theWorkloadCompletesAndEveryByteSurvives(double rate) throws Exception {
        String[] retries = {"SwiftRetryLimit=12", "SwiftRetryDelay=5ms"};
        cluster = new Cluster(false, dir, "IMGR." + retries[0], "IMGR." + retries[1]);
        Path mnt = dir.resolve("mnt");
        String[] clientOverrides = {"ICLIENT." + retries[0], "ICLIENT." + retries[1]};
        Iclient client = cluster.mount(mnt, clientOverrides);

        String objects = "/v1/AUTH_test/" + cluster.container + "/.*";
        FaultInjector faults = cluster.faults();
        List<FaultInjector.Handle> rules = new ArrayList<>();
        long seed = 7;
        for (String method : List.of("GET", "PUT", "HEAD", "DELETE")) {
            rules.add(faults.add(FaultRule.fail(503, -1).matching(method, objects).sometimes(rate, seed++)));
            rules.add(faults.add(FaultRule.delay(Duration.ofMillis(30), -1).matching(method, objects)
                    .sometimes(0.05, seed++)));
            rules.add(faults.add(FaultRule.drop(-1).matching(method, objects).sometimes(rate / 4, seed++)));
        }

        Random r = new Random(11);
        Map<Path, byte[]> written = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            Path p = mnt.resolve("d" + (i % 4) + "/f" + i);
            Files.createDirectories(p.getParent());
            byte[] data = new byte[1 + r.nextInt(i % 6 == 0 ? 3_000_000 : 40_000)];
            r.nextBytes(data);
            Files.write(p, data);
            written.put(p, data);
            if (i % 5 == 0) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
        Files.move(mnt.resolve("d0/f0"), mnt.resolve("d1/moved"));
        written.put(mnt.resolve("d1/moved"), written.remove(mnt.resolve("d0/f0")));
        for (Map.Entry<Path, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
        }
        cluster.unmount(client);
        Iclient again = cluster.mount(mnt, clientOverrides);
        for (Map.Entry<Path, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "after remount: " + e.getKey());
        }
        int fired = rules.stream().mapToInt(FaultInjector.Handle::fired).sum();
        assertTrue(fired > 10, "faults were injected (" + fired + ")");
        System.out.println("SwiftFaultsIT: " + rate + " failing: " + fired + " faults injected, workload complete");
        faults.clear();
        cluster.unmount(again);
        cluster.assertConsistent();
    }
}
