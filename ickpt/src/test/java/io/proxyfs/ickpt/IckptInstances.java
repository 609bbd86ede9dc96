package io.proxyfs.ickpt;

import io.proxyfs.conf.ConfMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests: N ickpt instances in this JVM on loopback, each with its own RocksDB directory
 * under a temporary directory; each can be stopped and started again on the same port and
 * database. Closes every instance still running.
 */
final class IckptInstances implements AutoCloseable {
    private final Path dir;
    private final Duration transactionTimeout;
    private final Ickpt[] running;
    private final int[] ports;

    IckptInstances(Path dir, int n, Duration transactionTimeout) throws IOException {
        this.dir = dir;
        this.transactionTimeout = transactionTimeout;
        this.running = new Ickpt[n];
        this.ports = new int[n];
        for (int i = 0; i < n; i++) {
            start(i);
        }
    }

    static ConfMap conf(Path dataBase, int port, Duration transactionTimeout) {
        return ConfMap.parse("[ICKPT]\nIPAddr: 127.0.0.1\nPort: " + port + "\nCertFilePath:\nKeyFilePath:\n"
                + "CACertFilePath:\nDataBasePath: " + dataBase + "\nSwiftRetryDelay: 10ms\nSwiftRetryLimit: 1\n"
                + "SwiftTimeout: 10s\nSwiftConnectionPoolSize: 8\nTransactionTimeout: " + transactionTimeout.toMillis()
                + "ms\nLogFilePath:\nLogToConsole: false\nTraceEnabled: false\n", "test.conf");
    }

    /** Starts instance {@code i} (on its old port and database if it ran before). */
    void start(int i) throws IOException {
        running[i] = Ickpt.start(conf(dir.resolve("db" + i), ports[i], transactionTimeout));
        ports[i] = running[i].port();
    }

    /** Stops instance {@code i}. */
    void stop(int i) {
        running[i].stop();
        running[i] = null;
    }

    int port(int i) {
        return ports[i];
    }

    String baseUrl(int i) {
        return "http://127.0.0.1:" + ports[i];
    }

    /** The addresses for CheckPointIPAddrs: 127.0.0.1:port each. */
    List<String> addresses() {
        List<String> out = new ArrayList<>();
        for (int p : ports) {
            out.add("127.0.0.1:" + p);
        }
        return out;
    }

    @Override
    public void close() {
        for (int i = 0; i < running.length; i++) {
            if (running[i] != null) {
                stop(i);
            }
        }
    }
}
