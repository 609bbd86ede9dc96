package io.proxyfs.imgr.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real threads and the real clock: mounts contend for one inode and each releases promptly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeaseConcurrencyTest {

    private static final int THREADS = 6;
    private static final int ROUNDS = 500;
    private static final long INODE = 99;

    @Test
    void exclusiveLeasesAreNeverHeldTwiceAtOnce() throws Exception {
        LeaseSettings settings = new LeaseSettings(Duration.ofMillis(1), Duration.ofMillis(50), 100, 10, 20);
        RecordingMountExpirer expirer = new RecordingMountExpirer();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ScheduledLeaseClock clock = ScheduledLeaseClock.withOwnThread("lease-concurrency-test");
                LeaseManager manager = new LeaseManager(settings, clock, (client, interrupt) -> { }, expirer)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                LeaseHolder holder = LeaseTestBed.mount(t);
                boolean shared = t % 3 == 0;
                workers.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        LeaseRequestType type = shared ? LeaseRequestType.SHARED : LeaseRequestType.EXCLUSIVE;
                        LeaseResponseType granted = manager.request(holder, INODE, type).get(30, TimeUnit.SECONDS);
                        assertEquals(shared ? LeaseResponseType.SHARED : LeaseResponseType.EXCLUSIVE, granted);
                        if (!shared) {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            assertTrue(manager.mayWrite(holder, INODE));
                            inside.decrementAndGet();
                        } else {
                            assertTrue(manager.mayRead(holder, INODE));
                        }
                        assertEquals(LeaseResponseType.RELEASED,
                                manager.request(holder, INODE, LeaseRequestType.RELEASE).get(30, TimeUnit.SECONDS));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(50, TimeUnit.SECONDS);
            }
            assertEquals(0, overlaps.get());
            assertTrue(expirer.all().isEmpty());
            assertTrue(manager.snapshot().inodes().isEmpty());
        } finally {
            pool.shutdownNow();
        }
    }
}
