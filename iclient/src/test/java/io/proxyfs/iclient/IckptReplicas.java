package io.proxyfs.iclient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For crash tests: N ickpt instances, each a separate process run as a user runs it
 * ({@code ickpt/ickpt ickpt/dev.conf} with overrides) on its own loopback port and RocksDB
 * directory under a temporary directory, each of which can be killed with SIGKILL and started
 * again on the same port and database. Not thread-safe; {@link #close()} kills every instance.
 */
final class IckptReplicas implements AutoCloseable {
    private final DaemonProcess[] replicas;
    private final int[] ports;
    private final Spawner spawner;

    IckptReplicas(Path dir, int n) throws Exception {
        spawner = new Spawner(dir);
        replicas = new DaemonProcess[n];
        ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                ports[i] = Cluster.freePort();
                replicas[i] = new DaemonProcess(spawner, "ickpt", "ickpt" + i, ports[i], dir, List.of(
                        "ICKPT.Port=" + ports[i], "ICKPT.DataBasePath=" + dir.resolve("ickpt" + i + ".db"),
                        "ICKPT.LogToConsole=false", "ICKPT.LogFilePath=" + dir.resolve("ickpt" + i + ".log")));
                replicas[i].start();
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** kill -9 of instance {@code i}. */
    void kill(int i) throws InterruptedException {
        replicas[i].kill();
    }

    /** Starts instance {@code i} again (same port, same database) and waits until it serves. */
    void start(int i) throws Exception {
        replicas[i].start();
    }

    int size() {
        return replicas.length;
    }

    /** The value of imgr's CheckPointIPAddrs: 127.0.0.1:port of each instance. */
    String addresses() {
        List<String> out = new ArrayList<>();
        for (int p : ports) {
            out.add("127.0.0.1:" + p);
        }
        return String.join(",", out);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            for (DaemonProcess r : replicas) {
                if (r != null) {
                    r.kill();
                }
            }
        } finally {
            spawner.close();
        }
    }
}
