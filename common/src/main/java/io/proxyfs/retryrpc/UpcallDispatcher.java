package io.proxyfs.retryrpc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers upcalls and session-lost notices to the client's owner on one dedicated thread, in
 * arrival order, so that a slow handler never delays the reading of replies (a handler may even
 * make RPC calls).
 *
 * <p>Thread-safe.
 */
final class UpcallDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(UpcallDispatcher.class);

    private final RetryRpcClient.UpcallHandler upcalls;
    private final RetryRpcClient.SessionListener sessions;
    private final ExecutorService thread;
    private volatile Thread worker;

    UpcallDispatcher(String name, RetryRpcClient.UpcallHandler upcalls, RetryRpcClient.SessionListener sessions) {
        this.upcalls = upcalls;
        this.sessions = sessions;
        this.thread = Executors.newSingleThreadExecutor(r -> worker = NamedThreads.start(name, r, false));
    }

    void upcall(byte[] payload) {
        if (upcalls == null) {
            LOG.debug("retryrpc client: upcall of {} bytes ignored, no handler", payload.length);
            return;
        }
        run(() -> upcalls.onUpcall(payload), "upcall handler");
    }

    void sessionLost(long oldClientId, long newClientId) {
        if (sessions != null) {
            run(() -> sessions.onSessionLost(oldClientId, newClientId), "session listener");
        }
    }

    private void run(Runnable r, String what) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("retryrpc client: {} threw", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("retryrpc client closed; {} not run", what);
        }
    }

    /** Stops the thread; when called by a handler itself, does not wait for it. */
    void close() {
        thread.shutdownNow();
        if (Thread.currentThread() == worker) {
            return;
        }
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("retryrpc client: upcall thread did not stop within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
