package io.proxyfs.retryrpc;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the daemon threads of this package, all named {@code retryrpc-...} so that leaks are
 * easy to spot.
 *
 * <p>Thread-safe.
 */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger next = new AtomicInteger();

    NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        return start(prefix + "-" + next.incrementAndGet(), r, false);
    }

    static Thread start(String name, Runnable r, boolean run) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        if (run) {
            t.start();
        }
        return t;
    }
}
