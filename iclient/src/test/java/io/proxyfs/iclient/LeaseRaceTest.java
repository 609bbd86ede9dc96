package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lease released (trim, interrupt) while another thread waits to acquire it must not leave a
 * lease that imgr records but the table forgot (docs/performance.md "Bug found: lease trim races
 * with lease requests"): with an emulator and a real imgr, many rounds of acquire racing a
 * release, each followed by a check that the table and imgr agree.
 */
class LeaseRaceTest {
    @TempDir
    static Path dir;

    private static Cluster cluster;
    private static final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(false, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        cluster.close();
    }

    @Test
    void aLeaseReleasedWhileBeingAcquiredIsNeverForgotten() throws Exception {
        LeaseTable leases = cluster.leaseMount(opened).leases();
        long root = 1;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                leases.acquire(root, LeaseState.SHARED);
                CyclicBarrier go = new CyclicBarrier(2);
                Future<?> release = pool.submit(() -> {
                    go.await();
                    return leases.giveUpNow(root, LeaseState.NONE);
                });
                Future<?> acquire = pool.submit(() -> {
                    go.await();
                    leases.acquire(root, LeaseState.SHARED);
                    return null;
                });
                release.get();
                acquire.get();
                // Whatever the order, the table and imgr must now agree. Releasing what the table
                // says it holds, then asking anew, takes exactly one request: imgr would deny it
                // (and the table ask again) if it still recorded a lease the table forgot.
                leases.giveUpNow(root, LeaseState.NONE);
                long before = leases.stats().get("leaseRequests");
                leases.acquire(root, LeaseState.SHARED);
                assertEquals(before + 1, leases.stats().get("leaseRequests"), "round " + round
                        + ": imgr still held a lease the table had forgotten");
                assertEquals(LeaseState.SHARED, leases.state(root));
            }
        } finally {
            pool.shutdownNow();
            leases.releaseAll();
        }
    }
}
