package io.proxyfs.bench.imgr;

import io.proxyfs.imgr.volume.Volume;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A reader thread that calls {@link Volume#getInodeTableEntry} every 0.2 ms until stopped and
 * records the longest call, as an RPC handler would see it while something else holds the
 * volume. Thread-safe: {@link #stop} from any one thread.
 */
final class GetProbe {
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile long longest;

    private GetProbe(Volume volume, long inode) {
        thread = new Thread(() -> {
            try {
                while (!stopping) {
                    long t0 = System.nanoTime();
                    if (volume.getInodeTableEntry(inode).isEmpty()) {
                        throw new IllegalStateException("inode " + Long.toHexString(inode) + " vanished");
                    }
                    longest = Math.max(longest, System.nanoTime() - t0);
                    LockSupport.parkNanos(200_000); // leave the CPU to the checkpoint
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "imgrbench-get-probe");
        thread.setDaemon(true);
    }

    /** Starts probing {@code inode} of {@code volume}; returns once the first call has completed. */
    static GetProbe start(Volume volume, long inode) throws InterruptedException {
        GetProbe probe = new GetProbe(volume, inode);
        probe.thread.start();
        while (probe.longest == 0 && probe.failure.get() == null && probe.thread.isAlive()) {
            Thread.sleep(1);
        }
        return probe;
    }

    /** Stops the thread; fails if a call failed. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(60_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("the Get probe did not stop");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a Get during the checkpoint failed", failure.get());
        }
    }

    /** The longest call seen, in ns. */
    long longestNanos() {
        return longest;
    }
}
