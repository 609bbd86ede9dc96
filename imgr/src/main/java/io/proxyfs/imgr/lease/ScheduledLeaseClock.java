package io.proxyfs.imgr.lease;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link LeaseClock}: {@link System#nanoTime()} and a {@link ScheduledExecutorService}.
 * Thread-safe. {@link #close()} shuts the executor down only if this clock created it.
 */
public final class ScheduledLeaseClock implements LeaseClock, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;

    /** Uses {@code executor}, which the caller keeps and shuts down. */
    public ScheduledLeaseClock(ScheduledExecutorService executor) {
        this(executor, false);
    }

    private ScheduledLeaseClock(ScheduledExecutorService executor, boolean ownsExecutor) {
        this.executor = executor;
        this.ownsExecutor = ownsExecutor;
    }

    /** A clock with its own single daemon timer thread named {@code threadName}. */
    public static ScheduledLeaseClock withOwnThread(String threadName) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        return new ScheduledLeaseClock(executor, true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Shuts down the executor if this clock created it; tasks not yet run are dropped. */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
