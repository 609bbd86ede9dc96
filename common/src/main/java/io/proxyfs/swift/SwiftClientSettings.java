package io.proxyfs.swift;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SwiftClient} retries and pools, from the original's config keys. Immutable.
 *
 * @param retryDelay              {@code SwiftRetryDelay}: wait before the first retry
 * @param expBackoff              {@code SwiftRetryExpBackoff}: factor applied to the wait after each retry (&ge; 1)
 * @param retryLimit              {@code SwiftRetryLimit}: retries after the first try, so
 *                                {@code retryLimit + 1} tries in total
 * @param timeout                 {@code SwiftTimeout}: limit on one whole try (connect, send, receive)
 * @param connectionPoolSize      {@code SwiftConnectionPoolSize}: concurrent requests and pooled connections
 * @param retryDelayVariancePercent iclient's {@code SwiftRetryDelayVariance}: each wait is shortened by a
 *                                random 0..N percent (0 = no jitter)
 */
public record SwiftClientSettings(Duration retryDelay, double expBackoff, int retryLimit, Duration timeout,
        int connectionPoolSize, int retryDelayVariancePercent) {

    public SwiftClientSettings {
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("SwiftRetryDelay must not be negative");
        }
        if (!(expBackoff >= 1.0)) {
            throw new IllegalArgumentException("SwiftRetryExpBackoff must be >= 1, got " + expBackoff);
        }
        if (retryLimit < 0) {
            throw new IllegalArgumentException("SwiftRetryLimit must not be negative, got " + retryLimit);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("SwiftTimeout must be positive");
        }
        if (connectionPoolSize < 1) {
            throw new IllegalArgumentException("SwiftConnectionPoolSize must be positive, got " + connectionPoolSize);
        }
        if (retryDelayVariancePercent < 0 || retryDelayVariancePercent > 100) {
            throw new IllegalArgumentException("SwiftRetryDelayVariance must be 0..100, got "
                    + retryDelayVariancePercent);
        }
    }

    /** Settings without jitter (imgr's keys). */
    public SwiftClientSettings(Duration retryDelay, double expBackoff, int retryLimit, Duration timeout,
            int connectionPoolSize) {
        this(retryDelay, expBackoff, retryLimit, timeout, connectionPoolSize, 0);
    }

    /** The original's defaults: 100ms, 2, 4, 10m, 128, no jitter. */
    public static SwiftClientSettings defaults() {
        return new SwiftClientSettings(Duration.ofMillis(100), 2.0, 4, Duration.ofMinutes(10), 128);
    }

    /** The wait before retry number {@code retry} (0-based), before jitter. */
    Duration nominalDelay(int retry) {
        double nanos = retryDelay.toNanos() * Math.pow(expBackoff, retry);
        return Duration.ofNanos((long) Math.min(nanos, Long.MAX_VALUE / 2.0));
    }
}
