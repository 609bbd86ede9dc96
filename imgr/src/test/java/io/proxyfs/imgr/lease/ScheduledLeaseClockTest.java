package io.proxyfs.imgr.lease;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScheduledLeaseClockTest {

    @Test
    void runsTasksAfterTheirDelayOnItsOwnThread() throws InterruptedException {
        try (ScheduledLeaseClock clock = ScheduledLeaseClock.withOwnThread("lease-timer-test")) {
            long start = clock.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean otherThread = new AtomicBoolean();
            Thread caller = Thread.currentThread();
            clock.schedule(Duration.ofMillis(20), () -> {
                otherThread.set(Thread.currentThread() != caller);
                ran.countDown();
            });
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(otherThread.get());
            assertTrue(clock.nanoTime() - start >= Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void cancelledTasksDoNotRun() throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledLeaseClock clock = new ScheduledLeaseClock(executor);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            clock.schedule(Duration.ofMillis(30), () -> cancelledRan.set(true)).cancel();
            CountDownLatch later = new CountDownLatch(1);
            clock.schedule(Duration.ofMillis(60), later::countDown);
            assertTrue(later.await(5, TimeUnit.SECONDS));
            assertFalse(cancelledRan.get());
            clock.close();
            assertFalse(executor.isShutdown(), "a borrowed executor stays with its owner");
        } finally {
            executor.shutdownNow();
        }
    }
}
