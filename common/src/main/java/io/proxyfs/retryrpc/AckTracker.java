package io.proxyfs.retryrpc;

import java.util.TreeSet;

/**
 * Computes the client's {@code highestReplySeen}: the highest request id such that every id up
 * to it has been answered or abandoned. Ids done out of order wait in a set until the gap below
 * them closes.
 *
 * <p>Not thread-safe: guarded by the client's lock.
 */
final class AckTracker {
    private long highest;
    private final TreeSet<Long> above = new TreeSet<>();

    /** Marks {@code requestId} answered or abandoned. */
    void done(long requestId) {
        if (requestId <= highest) {
            return;
        }
        above.add(requestId);
        while (!above.isEmpty() && above.first() == highest + 1) {
            highest = above.pollFirst();
        }
    }

    long highest() {
        return highest;
    }

    /** Starts over for a new session, whose request ids start again at 1. */
    void reset() {
        highest = 0;
        above.clear();
    }
}
