package io.proxyfs.imgr.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * The lease timing and size limits of imgr's {@code [IMGR]} section. Immutable, so safe to share
 * between threads.
 *
 * @param minLeaseDuration how long a grant counts as recent; conflicting requests wait at least this long
 * @param leaseInterruptInterval the period at which an unanswered interrupt is sent again
 * @param leaseInterruptLimit how many interrupts are sent before the holder loses its lease
 * @param leaseEvictLowLimit eviction stops once at most this many inodes have active lease objects
 * @param leaseEvictHighLimit eviction starts once more than this many inodes have active lease objects
 */
public record LeaseSettings(
        Duration minLeaseDuration,
        Duration leaseInterruptInterval,
        int leaseInterruptLimit,
        long leaseEvictLowLimit,
        long leaseEvictHighLimit) {

    /** Checks that every value is positive and that the low limit does not exceed the high limit. */
    public LeaseSettings {
        Objects.requireNonNull(minLeaseDuration, "minLeaseDuration");
        Objects.requireNonNull(leaseInterruptInterval, "leaseInterruptInterval");
        if (minLeaseDuration.isNegative() || minLeaseDuration.isZero()) {
            throw new IllegalArgumentException("MinLeaseDuration must be positive: " + minLeaseDuration);
        }
        if (leaseInterruptInterval.isNegative() || leaseInterruptInterval.isZero()) {
            throw new IllegalArgumentException("LeaseInterruptInterval must be positive: " + leaseInterruptInterval);
        }
        if (leaseInterruptLimit <= 0) {
            throw new IllegalArgumentException("LeaseInterruptLimit must be positive: " + leaseInterruptLimit);
        }
        if (leaseEvictLowLimit <= 0) {
            throw new IllegalArgumentException("LeaseEvictLowLimit must be positive: " + leaseEvictLowLimit);
        }
        if (leaseEvictLowLimit > leaseEvictHighLimit) {
            throw new IllegalArgumentException("LeaseEvictLowLimit (" + leaseEvictLowLimit
                    + ") must not exceed LeaseEvictHighLimit (" + leaseEvictHighLimit + ")");
        }
    }

    /** The values of the original's {@code imgr.conf}: 250ms, 250ms, 20, 100000, 100010. */
    public static LeaseSettings defaults() {
        return new LeaseSettings(Duration.ofMillis(250), Duration.ofMillis(250), 20, 100_000, 100_010);
    }
}
