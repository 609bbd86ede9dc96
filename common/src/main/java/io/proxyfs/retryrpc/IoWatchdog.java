package io.proxyfs.retryrpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Enforces {@code DeadlineIO} on blocking sockets, which in Java have no write timeout: each
 * {@link #check()} closes every registered connection whose frame read or write has been stuck
 * longer than the deadline, after reporting it to a callback. The owner calls {@link #check()}
 * periodically from its timer thread.
 *
 * <p>Thread-safe: connections may be registered and removed from any thread.
 */
final class IoWatchdog {
    private final Set<FrameConnection> connections = ConcurrentHashMap.newKeySet();
    private final long deadlineNanos;
    private final Consumer<FrameConnection> onStall;

    IoWatchdog(long deadlineNanos, Consumer<FrameConnection> onStall) {
        this.deadlineNanos = deadlineNanos;
        this.onStall = onStall;
    }

    void register(FrameConnection c) {
        connections.add(c);
    }

    void unregister(FrameConnection c) {
        connections.remove(c);
    }

    /** Closes the stalled connections; returns how many it closed. */
    int check() {
        long now = System.nanoTime();
        int n = 0;
        for (FrameConnection c : connections) {
            if (c.isStalled(now, deadlineNanos)) {
                connections.remove(c);
                onStall.accept(c);
                c.close();
                n++;
            }
        }
        return n;
    }
}
