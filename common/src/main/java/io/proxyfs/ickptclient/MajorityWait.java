package io.proxyfs.ickptclient;

import io.proxyfs.ickptclient.IckptInstance.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the answers of one round of requests to N instances: until all answered, or until
 * the outcome is decided ({@code needed} answered as wanted, or can no longer) and a short grace
 * has passed for the others (so a hung instance costs the grace, not the request timeout).
 * Answers not in by then are null. Thread-safe; one round per instance.
 */
final class MajorityWait {
    private final List<CompletableFuture<Answer>> calls;
    private final Object lock = new Object();

    MajorityWait(List<CompletableFuture<Answer>> calls) {
        this.calls = calls;
        for (CompletableFuture<Answer> c : calls) {
            c.whenComplete((a, e) -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
        }
    }

    /**
     * @param needed how many wanted answers make the round a success
     * @param wanted which answers count
     * @param graceNanos how long to wait for the rest once {@code needed} are in
     * @param limitNanos the bound on the whole wait
     * @return each call's answer, or null for those not in
     */
    List<Answer> await(int needed, java.util.function.Predicate<Answer> wanted, long graceNanos, long limitNanos)
            throws InterruptedException {
        long start = System.nanoTime();
        long reachedAt = 0;
        synchronized (lock) {
            while (true) {
                int in = 0;
                int good = 0;
                for (CompletableFuture<Answer> c : calls) {
                    if (c.isDone()) {
                        in++;
                        if (wanted.test(c.join())) {
                            good++;
                        }
                    }
                }
                long now = System.nanoTime();
                if (in == calls.size() || now - start >= limitNanos) {
                    break;
                }
                long waitFor = limitNanos - (now - start);
                if (good >= needed || good + (calls.size() - in) < needed) {
                    if (reachedAt == 0) {
                        reachedAt = now;
                    }
                    long graceLeft = graceNanos - (now - reachedAt);
                    if (graceLeft <= 0) {
                        break;
                    }
                    waitFor = Math.min(waitFor, graceLeft);
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, waitFor));
            }
        }
        List<Answer> out = new ArrayList<>();
        for (CompletableFuture<Answer> c : calls) {
            out.add(c.isDone() ? c.join() : null);
        }
        return out;
    }
}
