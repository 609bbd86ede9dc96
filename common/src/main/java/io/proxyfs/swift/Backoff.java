package io.proxyfs.swift;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which failures are retried and sleeps between tries: the wait starts at
 * {@code SwiftRetryDelay}, grows by {@code SwiftRetryExpBackoff} after each retry, and is
 * shortened by a random 0..{@code SwiftRetryDelayVariance} percent. Thread-safe (stateless).
 */
final class Backoff {
    private final SwiftClientSettings settings;

    Backoff(SwiftClientSettings settings) {
        this.settings = settings;
    }

    /** Statuses worth another try: server errors, request timeout, too many requests. */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** True while {@code retriesDone} retries leave room for another. */
    boolean mayRetry(int retriesDone) {
        return retriesDone < settings.retryLimit();
    }

    /** Total tries allowed. */
    int maxTries() {
        return settings.retryLimit() + 1;
    }

    /** Sleeps before retry number {@code retry} (0-based). */
    void sleep(int retry) throws InterruptedIOException {
        Duration d = settings.nominalDelay(retry);
        long nanos = d.toNanos();
        if (settings.retryDelayVariancePercent() > 0) {
            double cut = ThreadLocalRandom.current().nextDouble() * settings.retryDelayVariancePercent() / 100.0;
            nanos -= (long) (nanos * cut);
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ioe = new InterruptedIOException("interrupted while waiting to retry");
            ioe.initCause(e);
            throw ioe;
        }
    }
}
