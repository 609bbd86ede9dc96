package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts daemons for the benchmark and keeps every one it ever started, so that each is stopped
 * at teardown and the report can give each kind's peak RSS (the largest over its instances: iclient
 * is restarted for every cold read). Thread-safe.
 */
final class Daemons {
    private final Teardown teardown;
    private final Path top;
    private final Path logDir;
    private final List<Daemon> started = new ArrayList<>();

    Daemons(Teardown teardown, Path top, Path logDir) {
        this.teardown = teardown;
        this.top = top;
        this.logDir = logDir;
    }

    /** Starts {@code command} from the top of the checkout; teardown stops it (SIGTERM, 60 s, SIGKILL). */
    Daemon start(String name, List<String> command, Map<String, String> env) throws IOException {
        Daemon d = Daemon.start(name, command, top, env, logDir.resolve(name + ".log"));
        synchronized (this) {
            started.add(d);
        }
        teardown.add(() -> d.stop(Duration.ofSeconds(60)));
        return d;
    }

    /** Samples every live daemon's VmHWM (call now and then: a killed process can no longer be read). */
    synchronized void sample() {
        for (Daemon d : started) {
            d.sampleRssKiB();
        }
    }

    /** One line per daemon still running (none should be, after teardown). */
    synchronized List<String> stillAlive() {
        List<String> alive = new ArrayList<>();
        for (Daemon d : started) {
            if (d.alive()) {
                alive.add(d.name() + " is still running");
            }
        }
        return alive;
    }

    /** How many times each kind of daemon was started (a peer is remounted at every cold read and sync), in start order. */
    synchronized Map<String, Integer> starts() {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (Daemon d : started) {
            n.merge(d.name(), 1, Integer::sum);
        }
        return n;
    }

    /** Peak RSS in KiB per kind of daemon, in start order. */
    synchronized Map<String, Long> peakRssKiB() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (Daemon d : started) {
            peaks.merge(d.name(), d.peakRssKiB(), Math::max);
        }
        return peaks;
    }
}
