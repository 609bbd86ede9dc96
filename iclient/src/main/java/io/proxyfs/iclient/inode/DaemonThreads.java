package io.proxyfs.iclient.inode;

import java.util.concurrent.ThreadFactory;

/**
 * The thread factory of the mount's pools: daemon threads (a pool never keeps the JVM alive
 * after the unmount) all bearing the pool's name. Stateless; thread-safe.
 */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A factory of daemon threads named {@code name}. */
    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
