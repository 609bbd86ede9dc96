package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.lease.LeaseHolder;
import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import io.proxyfs.iclient.rpc.ImgrClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two lease tables (two mounts at a real imgr) race for one inode's lease the way {@link LoadIT}
 * found: while mount X gives its Shared lease up on imgr's Release interrupt, one of X's threads
 * waits for that lease's entry to ask for Exclusive. The entry leaves the table when the release
 * ends; the waiting thread must then ask on the table's current entry, so that what it is granted
 * is what the table shows and what imgr knows (before the fix the grant went to the forgotten
 * entry: the table showed no lease, and a stale Release interrupt still holding that entry later
 * released the mount's lease behind the current one: EMissingLease, an EIO in the application).
 */
@Timeout(60)
class LeaseTableRaceIT {
    private static final long ROOT = 1;

    @TempDir
    Path dir;

    private Cluster cluster;
    private ImgrClient x;
    private ImgrClient y;
    private LeaseTable leasesX;
    private LeaseTable leasesY;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {leasesX, leasesY, x, y, cluster}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aThreadWaitingForAReleasedEntryIsGrantedOnTheCurrentOne() throws Exception {
        // One Release interrupt per round (no resends within the test), so the order is ours.
        cluster = new Cluster(false, dir, "IMGR.LeaseInterruptInterval=20s");
        x = cluster.imgrClient();
        y = cluster.imgrClient();
        leasesX = table(x);
        leasesY = table(y);
        CountDownLatch surrendering = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        leasesX.setHolder(new LeaseHolder() {
            @Override
            public void surrender(long inode, LeaseState target, Runnable commit) throws Exception {
                surrendering.countDown();
                assertTrue(proceed.await(30, TimeUnit.SECONDS));
                commit.run();
            }

            @Override
            public void leasesLost() {
            }
        });

        leasesX.acquire(ROOT, LeaseState.SHARED);
        leasesY.acquire(ROOT, LeaseState.SHARED);
        // Y promotes: imgr tells X to release; X's surrender now waits, holding the entry's lock.
        CompletableFuture<Void> promote = CompletableFuture.runAsync(() -> acquire(leasesY, LeaseState.EXCLUSIVE));
        assertTrue(surrendering.await(20, TimeUnit.SECONDS), "X was told to release");
        // Meanwhile one of X's threads wants Exclusive and waits for that same entry.
        Thread wants = new Thread(() -> acquire(leasesX, LeaseState.EXCLUSIVE), "x-wants-exclusive");
        wants.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wants.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.WAITING, wants.getState(), "X's thread waits for the entry's lock");
        proceed.countDown();                         // X releases; Y is promoted; X's thread goes on
        promote.get(20, TimeUnit.SECONDS);
        wants.join(20_000);
        assertTrue(!wants.isAlive(), "X's thread was granted its lease");

        assertEquals(LeaseState.EXCLUSIVE, leasesX.state(ROOT), "the table shows the lease X's thread was granted");
        x.getInodeTableEntry(ROOT);                  // imgr agrees (EMissingLease otherwise)
        assertEquals(LeaseState.NONE, leasesY.state(ROOT), "Y gave its lease up for X");
    }

    private static LeaseTable table(ImgrClient imgr) {
        LeaseTable t = new LeaseTable(imgr, Duration.ofMillis(10), 50, 500, 100);
        imgr.setListener(new ImgrClient.Listener() {
            @Override
            public void onInterrupt(io.proxyfs.imgrapi.RpcInterrupt interrupt) {
                t.onInterrupt(interrupt);
            }

            @Override
            public void onRemount() {
                t.lost();
            }
        });
        return t;
    }

    private static void acquire(LeaseTable t, LeaseState wanted) {
        try {
            t.acquire(ROOT, wanted);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
