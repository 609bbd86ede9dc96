package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.lease.LeaseState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interleaving behind LoadIT's EIO on main (EMissingLease on GetInodeTableEntry): client A
 * holds a Shared lease on the root and starts loading it without the file-system lock; client B
 * asks for Exclusive, so imgr sends A a Release interrupt. If A gives the lease up at once, its
 * GetInodeTableEntry reaches imgr after the Release and is refused. With an emulator and a real
 * imgr, two mounts: while A's load runs inside {@code LeaseTable.whileHeld}, B's request must
 * wait, A's imgr call must succeed, and after the release the old grant must no longer run work.
 */
class LeaseHeldWhileLoadingTest {
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
    void aReleaseInterruptWaitsForTheLoadUnderTheLease() throws Exception {
        Cluster.LeaseMount a = cluster.leaseMount(opened);
        Cluster.LeaseMount b = cluster.leaseMount(opened);
        long root = 1;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            a.leases().acquire(root, LeaseState.SHARED);
            long grant = a.leases().grant(root);
            CountDownLatch loading = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            AtomicBoolean bDoneDuringLoad = new AtomicBoolean();
            Future<Long> load = pool.submit(() -> a.leases().whileHeld(root, grant, () -> {
                loading.countDown();
                try {
                    mayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new java.io.IOException(e);
                }
                return a.imgr().getInodeTableEntry(root).inodeHeadObjectNumber();
            }));
            assertTrue(loading.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> exclusive = CompletableFuture.runAsync(() -> {
                try {
                    b.leases().acquire(root, LeaseState.EXCLUSIVE);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, pool);
            // imgr interrupts A at once (every 100 ms); without the lease kept during the load,
            // A would release it and B get it well within this time.
            Thread.sleep(400);
            bDoneDuringLoad.set(exclusive.isDone());
            LeaseState aDuringLoad = a.leases().state(root);
            mayFinish.countDown();
            long head = load.get(10, TimeUnit.SECONDS);  // EMissingLease here if imgr saw the Release first
            assertEquals(LeaseState.SHARED, aDuringLoad, "A gave the lease up during its load");
            assertTrue(head != 0, "root's head object");
            assertFalse(bDoneDuringLoad.get(), "B got Exclusive while A still loaded under its Shared lease");
            exclusive.get(10, TimeUnit.SECONDS);
            assertEquals(LeaseState.EXCLUSIVE, b.leases().state(root));
            assertEquals(LeaseState.NONE, a.leases().state(root));
            assertNull(a.leases().whileHeld(root, grant, () -> 1L), "work ran under a grant given up");
        } finally {
            pool.shutdownNow();
            b.leases().releaseAll();
            a.leases().releaseAll();
        }
    }
}
