package io.proxyfs.imgr.lease;

import java.time.Duration;

/**
 * Time as the lease manager sees it: a monotonic clock and a way to run a task later. Injected so
 * that tests can move time by hand ({@link ScheduledLeaseClock} is the real one).
 *
 * <p>Implementations must be thread-safe. {@link #schedule} is called while the lease manager holds
 * its lock, so it must not block and must not run the task on the calling thread.
 */
public interface LeaseClock {

    /** A monotonic time in nanoseconds, comparable only with other values of the same clock. */
    long nanoTime();

    /** Runs {@code task} once, on some other thread, no earlier than {@code delay} from now. */
    Cancellable schedule(Duration delay, Runnable task);
}
