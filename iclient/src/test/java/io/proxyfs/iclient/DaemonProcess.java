package io.proxyfs.iclient;

import io.proxyfs.testing.LauncherCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One of the project's daemons (imgr, ickpt) run the way a user runs it, as a separate process
 * ({@code <name>/<name> <name>/dev.conf Section.Key=value ...} from the top of the checkout), for
 * crash tests: started and awaited (its {@code GET /version} answers), killed with SIGKILL,
 * stopped with SIGTERM, started again with the same settings. Its output is appended to
 * {@code <logDir>/<label>.out}. Not thread-safe: one test thread drives it.
 */
final class DaemonProcess implements AutoCloseable {
    private final String name;
    private final String label;
    private final int httpPort;
    private final Path out;
    private final List<String> overrides;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Spawner spawner;
    private Spawner.Spawned process;

    /**
     * {@code overrides} must put the daemon's HTTP listener on 127.0.0.1:{@code httpPort};
     * {@code spawner} (started before any mount) starts it.
     */
    DaemonProcess(Spawner spawner, String name, String label, int httpPort, Path logDir, List<String> overrides) {
        this.spawner = spawner;
        this.name = name;
        this.label = label;
        this.httpPort = httpPort;
        this.out = logDir.resolve(label + ".out");
        this.overrides = List.copyOf(overrides);
    }

    /** Starts the daemon and waits (up to 60 s) until it answers {@code GET /version}. */
    void start() throws Exception {
        Path top = LauncherCheck.top();
        List<String> command = new ArrayList<>(List.of(top.resolve(name).resolve(name).toString(), name + "/dev.conf"));
        command.addAll(overrides);
        process = spawner.spawn(top, command, out);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited: " + Files.readString(out));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException(label + " did not answer GET /version within 60 s");
            }
            Thread.sleep(50);
        }
    }

    private boolean answers() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/version"))
                    .timeout(Duration.ofSeconds(2)).build(), BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** kill -9, and waits until the process is gone. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.signal(true);
            if (awaitExit(Duration.ofSeconds(20)).isEmpty()) {
                throw new IllegalStateException(label + " survived SIGKILL for 20 s");
            }
            process = null;
        }
    }

    /** SIGTERM (a clean stop), waiting up to 60 s; returns the exit code. */
    int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.signal(false);
        OptionalInt code = awaitExit(Duration.ofSeconds(60));
        if (code.isEmpty()) {
            kill();
            throw new IllegalStateException(label + " did not stop on SIGTERM within 60 s");
        }
        process = null;
        return code.getAsInt();
    }

    private OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        try {
            return process.awaitExit(timeout);
        } catch (IOException e) {
            throw new IllegalStateException(label + ": cannot read its exit code", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
