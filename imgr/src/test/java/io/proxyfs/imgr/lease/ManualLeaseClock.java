package io.proxyfs.imgr.lease;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link LeaseClock} that only moves when a test calls {@link #advance}; due tasks then run on the
 * test's thread, in time order. Thread-safe.
 */
final class ManualLeaseClock implements LeaseClock {

    private static final class Task {
        final long due;
        final long sequence;
        final Runnable body;

        Task(long due, long sequence, Runnable body) {
            this.due = due;
            this.sequence = sequence;
            this.body = body;
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence));
    private long now = 1_000_000_000L;
    private long nextSequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable body) {
        Task task = new Task(now + delay.toNanos(), nextSequence++, body);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time forward by {@code delta}, running every task that falls due on the way. */
    void advance(Duration delta) {
        long target;
        synchronized (this) {
            target = now + delta.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due;
            }
            next.body.run();
        }
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** How many tasks are scheduled and not yet run or cancelled. */
    synchronized int pendingTasks() {
        return tasks.size();
    }
}
