package io.proxyfs.imgr.lease;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How an {@link InodeLease} asks for time: the manager runs {@code task} later under its lock, with
 * a fresh {@link Outcome}, and settles that outcome as for any other step.
 */
interface LeaseTimers {

    /** Runs {@code task} for {@code lease} after {@code delay}, under the manager's lock. */
    Cancellable schedule(InodeLease lease, Duration delay, Consumer<Outcome> task);

    /** The current time of the manager's clock. */
    long nanoTime();
}
