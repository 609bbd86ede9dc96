package io.proxyfs.iclient.inode;

import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks imgr for checkpoints ({@code Flush}) on this mount's behalf, in two ways: {@link #now()}
 * (fsync, unmount) returns once a checkpoint covering every table update this mount sent so far is
 * durable; {@link #soon()} (close) returns at once and leaves the asking to a background thread,
 * which waits {@code CloseCheckPointDelay} (so that a stream of closes shares one checkpoint) and
 * asks again after a failure, backing off, until it succeeds. Until then the updates are held
 * twice — in imgr's memory and in this mount's {@link UncheckpointedUpdates}, which sends them
 * again to an imgr that restarted — so a close survives a crash of iclient or of imgr; only
 * both crashing within that window loses it (PORTING.md, "iclient: durability on close").
 *
 * <p>Thread-safe.
 */
final class CheckPoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckPoints.class);
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private final FsContext ctx;
    private final long delayNanos;
    private final Object lock = new Object();
    private final Thread thread;
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong background = new AtomicLong();
    private final AtomicLong backgroundFailures = new AtomicLong();
    /** One checkpoint request of this mount at a time (fsync's waits for the background's); taken before ctx.lock. */
    private final java.util.concurrent.locks.ReentrantLock serial = new java.util.concurrent.locks.ReentrantLock();
    /** A close asked for a checkpoint the thread has not started yet; guarded by {@link #lock}. */
    private boolean wanted;
    /** The table changes the closes want checkpointed; guarded by {@link #lock}. */
    private long wantedUpTo;
    private boolean closing;

    /**
     * @param ctx the mount's context
     * @param closeDelay CloseCheckPointDelay: how long after a close the checkpoint is asked for
     */
    CheckPoints(FsContext ctx, Duration closeDelay) {
        this.ctx = ctx;
        this.delayNanos = closeDelay.toNanos();
        this.thread = new Thread(this::run, "iclient-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Returns once imgr has made durable every table update this mount sent before the call (sending
     * again first what a restarted imgr lost); free when nothing was sent since the last checkpoint.
     * Waits first for a checkpoint the background thread is asking for.
     */
    void now() throws IOException, ImgrRpcException {
        serial.lock();
        try {
            checkPointNow();
        } finally {
            serial.unlock();
        }
    }

    private void checkPointNow() throws IOException, ImgrRpcException {
        long changes;
        ctx.lock.lock(); // write-backs run under the lock: every change counted so far is in imgr
        try {
            ctx.uncheckpointed.ensureReplayed(ctx);
            changes = ctx.tableChanges.get();
        } finally {
            ctx.lock.unlock();
        }
        if (changes == ctx.flushedChanges.get()) {
            return; // nothing sent to imgr since the last checkpoint this mount asked for
        }
        asked.incrementAndGet();
        ctx.imgr.flush();
        ctx.flushedChanges.accumulateAndGet(changes, Math::max);
        ctx.lock.lock();
        try {
            ctx.uncheckpointed.checkpointed(changes);
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Has the background thread ask for a checkpoint (after the delay); returns at once. */
    void soon() {
        long changes = ctx.tableChanges.get();
        synchronized (lock) {
            wantedUpTo = Math.max(wantedUpTo, changes);
            wanted = true;
            lock.notifyAll();
        }
    }

    /** Counters for /stats. */
    Map<String, Long> stats() {
        return Map.of("checkPointsAsked", asked.get(), "closeCheckPoints", background.get(),
                "closeCheckPointFailures", backgroundFailures.get());
    }

    /** Stops the background thread (a checkpoint it is asking for completes or fails first). */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int failures = 0;
        while (true) {
            synchronized (lock) {
                while (!wanted && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closing) {
                    return; // the unmount asks for its own checkpoint
                }
                if (!waitQuietly(delayNanos)) {
                    return;
                }
                wanted = false;
                if (ctx.flushedChanges.get() >= wantedUpTo) {
                    continue; // an fsync checkpointed it meanwhile
                }
            }
            try {
                now();
                background.incrementAndGet();
                failures = 0;
            } catch (IOException | ImgrRpcException | RuntimeException e) {
                backgroundFailures.incrementAndGet();
                failures++;
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 50L << Math.min(failures, 6));
                LOG.warn("checkpoint after a close failed (attempt {}; asking again in {} ms): {}", failures, backoff,
                        e.toString());
                synchronized (lock) {
                    wanted = true;
                    if (!waitQuietly(TimeUnit.MILLISECONDS.toNanos(backoff))) {
                        return;
                    }
                }
            }
        }
    }

    /** Waits on the lock (held) for this long unless closing; false when closing. */
    private boolean waitQuietly(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
