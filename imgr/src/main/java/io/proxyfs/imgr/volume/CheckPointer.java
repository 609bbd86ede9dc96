package io.proxyfs.imgr.volume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one volume's checkpoints on its own thread: every {@code CheckPointInterval}, and at
 * once when a {@code Flush} asks. Flush requests that arrive while a checkpoint runs wait for the
 * next one, and every request waiting when a checkpoint starts is answered by it (group commit):
 * any number of clients fsyncing at once cost one checkpoint. A failed checkpoint fails the
 * requests it was answering and is retried at the next tick. Thread-safe.
 */
public final class CheckPointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckPointer.class);

    private final Volume volume;
    private final long intervalNanos;
    private final Thread thread;
    private final Object lock = new Object();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean closing;
    private long checkPoints;

    /** Starts the checkpoint thread of {@code volume}. */
    public CheckPointer(Volume volume, Duration interval) {
        this.volume = volume;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "imgr-checkpoint-" + volume.name());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A future completed once a checkpoint that started after this call is durable. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closing) {
                done.completeExceptionally(new VolumeException(volume.name(), "is being unserved"));
                return done;
            }
            waiting.add(done);
            lock.notifyAll();
        }
        return done;
    }

    /** How many checkpoint rounds have run (for status pages and tests). */
    public long checkPoints() {
        synchronized (lock) {
            return checkPoints;
        }
    }

    /** Runs a last checkpoint, answers every waiting request and stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean last = false;
        while (!last) {
            List<CompletableFuture<Void>> answering;
            synchronized (lock) {
                long deadline = System.nanoTime() + intervalNanos;
                while (waiting.isEmpty() && !closing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                last = closing;
                answering = waiting;
                waiting = new ArrayList<>();
                checkPoints++;
            }
            try {
                volume.checkPoint();
                answering.forEach(f -> f.complete(null));
            } catch (Exception e) {
                LOG.warn("volume {}: checkpoint failed: {}", volume.name(), e.getMessage());
                answering.forEach(f -> f.completeExceptionally(e));
            }
        }
        synchronized (lock) {
            waiting.forEach(f -> f.completeExceptionally(new VolumeException(volume.name(), "is being unserved")));
            waiting.clear();
        }
    }
}
