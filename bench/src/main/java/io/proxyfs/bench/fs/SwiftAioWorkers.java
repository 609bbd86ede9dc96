package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Says how many worker processes the proxy and object servers of {@code scripts/swift-aio.sh}'s
 * Swift run, from the configs that script wrote (its state directory, {@code SWIFT_AIO_DIR} or
 * {@code /tmp/proxyfs-swift-aio}), so that a report names the Swift it measured: one worker
 * serialises every request's CPU in one process per server, Swift's own default ({@code auto})
 * runs one per core. Stateless; thread-safe.
 */
final class SwiftAioWorkers {
    private SwiftAioWorkers() {
    }

    /**
     * E.g. "workers = auto (2 cores) for proxy and object server", or empty when the state
     * directory has no configs for a proxy on {@code port} (a Swift this script did not start).
     */
    static Optional<String> describe(Path stateDir, int port) {
        Optional<String> proxy = setting(stateDir.resolve("etc/proxy-server.conf"), "workers");
        Optional<String> proxyPort = setting(stateDir.resolve("etc/proxy-server.conf"), "bind_port");
        Optional<String> object = setting(stateDir.resolve("etc/object-server.conf"), "workers");
        if (proxy.isEmpty() || object.isEmpty() || !proxyPort.equals(Optional.of(Integer.toString(port)))) {
            return Optional.empty();
        }
        String p = withCores(proxy.get());
        String o = withCores(object.get());
        return Optional.of(p.equals(o) ? "workers = " + p + " for proxy and object server"
                : "workers = " + p + " for the proxy, " + o + " for the object server");
    }

    /** The state directory {@code scripts/swift-aio.sh} uses. */
    static Path defaultStateDir() {
        String dir = System.getenv("SWIFT_AIO_DIR");
        return Path.of(dir == null || dir.isEmpty() ? "/tmp/proxyfs-swift-aio" : dir);
    }

    private static String withCores(String workers) {
        return workers.equals("auto") ? "auto (" + Runtime.getRuntime().availableProcessors() + " cores)" : workers;
    }

    /** The value of {@code key} in a Swift server config's lines ({@code key = value}), if any. */
    static Optional<String> setting(Path conf, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#") && line.substring(0, eq).trim().equals(key)) {
                return Optional.of(line.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }
}
