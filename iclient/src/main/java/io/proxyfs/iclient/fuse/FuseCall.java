package io.proxyfs.iclient.fuse;

import io.proxyfs.iclient.inode.Errno;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one FUSE callback: traces it when {@code FUSELogEnabled}, counts it, and turns every
 * throwable into a negative errno through {@link ErrnoMapper} (native code cannot take an
 * exception). Also keeps the last few unexpected errors for the status page. Thread-safe.
 */
public final class FuseCall {
    /** A callback body returning 0 or a positive count. */
    @FunctionalInterface
    public interface Body {
        int run() throws Exception;
    }

    /** Told about every callback, for metrics; must be fast and thread-safe. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param op     the FUSE operation
         * @param nanos  time the callback took
         * @param result what it returned to the kernel (negative: an errno)
         */
        void done(String op, long nanos, int result);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FuseCall.class);
    private static final int RECENT = 20;

    private final boolean trace;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final String[] recent = new String[RECENT];
    private int next;
    private volatile Observer observer = (op, nanos, result) -> { };

    public FuseCall(boolean trace) {
        this.trace = trace;
    }

    /** Tells {@code o} about every callback from now on. */
    public void observe(Observer o) {
        observer = java.util.Objects.requireNonNull(o, "observer");
    }

    /** Runs {@code body} for operation {@code op} on {@code path}. */
    public int run(String op, String path, Body body) {
        calls.incrementAndGet();
        long started = System.nanoTime();
        if (trace) {
            LOG.info("==> {}({})", op, path);
        }
        int result;
        try {
            result = body.run();
        } catch (Throwable t) {
            Errno e = ErrnoMapper.of(t);
            result = ErrnoMapper.negative(t);
            if (e == null || e == Errno.EIO) {
                errors.incrementAndGet();
                remember(op + " " + path + ": " + t);
                if (e == null) {
                    LOG.error("{}({}) failed unexpectedly", op, path, t);
                } else {
                    LOG.warn("{}({}): {}", op, path, t.toString());
                }
            } else if (trace) {
                LOG.info("{}({}): {}", op, path, t.getMessage());
            }
        }
        if (trace) {
            LOG.info("<== {}({}) = {}", op, path, result);
        }
        observer.done(op, System.nanoTime() - started, result);
        return result;
    }

    private synchronized void remember(String s) {
        recent[next] = java.time.Instant.now() + " " + s;
        next = (next + 1) % RECENT;
    }

    /** The latest EIO-class errors, oldest first. */
    public synchronized java.util.List<String> recentErrors() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String s = recent[(next + i) % RECENT];
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Callbacks run. */
    public long calls() {
        return calls.get();
    }

    /** Callbacks that failed with EIO. */
    public long errors() {
        return errors.get();
    }
}
