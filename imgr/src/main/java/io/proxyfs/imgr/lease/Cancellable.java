package io.proxyfs.imgr.lease;

/**
 * A scheduled task that can still be called off. Implementations must be thread-safe; cancelling a
 * task that already ran, or cancelling twice, does nothing.
 */
@FunctionalInterface
public interface Cancellable {
    /** Prevents the task from running if it has not started yet. */
    void cancel();
}
