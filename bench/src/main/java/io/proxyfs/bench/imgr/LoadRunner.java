package io.proxyfs.bench.imgr;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one call in a loop from {@code threads} threads for a fixed time and records every call's
 * latency. The first failure stops every thread and is rethrown, so that a failing call never
 * turns into a figure. Thread-safe: each {@link #run} uses its own threads and state.
 */
final class LoadRunner {
    /** One call made by caller thread {@code thread}, its {@code n}-th. */
    @FunctionalInterface
    interface Call {
        void call(int thread, long n) throws Exception;
    }

    /**
     * The outcome of a run.
     *
     * @param calls calls completed
     * @param seconds the run's length
     * @param sortedNanos every call's latency, ascending
     */
    record Result(long calls, double seconds, long[] sortedNanos) {
        double callsPerSecond() {
            return calls / seconds;
        }

        double percentileMicros(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.floor(p * sortedNanos.length))] / 1e3;
        }
    }

    private LoadRunner() {
    }

    /** Calls {@code call} from {@code threads} threads for {@code seconds}. */
    static Result run(int threads, double seconds, Call call) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                long[] lat = new long[1 << 12];
                int n = 0;
                try {
                    while (failure.get() == null && System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        call.call(thread, n);
                        long d = System.nanoTime() - t0;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = d;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    latencies[thread] = lat;
                    counts[thread] = n;
                    done.countDown();
                }
            }, "imgrbench-caller-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        if (!done.await((long) (seconds * 1000) + 120_000, TimeUnit.MILLISECONDS)) {
            for (Thread w : workers) {
                w.interrupt();
            }
            throw new IllegalStateException("caller threads did not finish within 2 minutes of the run's end");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a call failed: " + failure.get(), failure.get());
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int pos = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, pos, counts[t]);
            pos += counts[t];
        }
        Arrays.sort(all);
        return new Result(total, elapsed, all);
    }
}
