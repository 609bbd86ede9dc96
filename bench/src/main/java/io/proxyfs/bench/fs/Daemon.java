package io.proxyfs.bench.fs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program the benchmark started (imgr, iclient, bindfs, the Swift emulator), its
 * output going to a log file. {@link #stop} sends SIGTERM, waits, then SIGKILL; the peak resident
 * set size ({@code VmHWM} of {@code /proc/<pid>/status}) is read before it goes. Not thread-safe
 * except {@link #stop}, which may also run from a shutdown hook.
 */
final class Daemon {
    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;
    private long peakRssKiB;

    private Daemon(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code command} in {@code workDir} with extra environment, output to {@code log}. */
    static Daemon start(String name, List<String> command, Path workDir, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        return new Daemon(name, pb.start(), log, logStart);
    }

    /** The kind of program ("iclient"), as the report names it. */
    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Reads VmHWM now and keeps the largest seen; 0 if the process is gone. */
    synchronized long sampleRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKiB = Math.max(peakRssKiB, kib);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone already: keep what was seen
        }
        return peakRssKiB;
    }

    /** The largest VmHWM read so far, KiB. */
    synchronized long peakRssKiB() {
        return peakRssKiB;
    }

    /** Polls {@code url} until it answers 2xx; fails early if the process exits. */
    void awaitHttp(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            failIfDead();
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not answer " + url + " within " + timeout.toSeconds() + " s; log " + log);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until {@code dir} is a mount point; fails early if the process exits. */
    void awaitMount(Path dir, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Mounts.isMounted(dir)) {
            failIfDead();
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not mount " + dir + " within " + timeout.toSeconds() + " s; log " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until this process (not an earlier one sharing the log) has logged {@code text}. */
    void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            byte[] all = Files.readAllBytes(log);
            String mine = new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                    StandardCharsets.UTF_8);
            if (mine.contains(text)) {
                return;
            }
            failIfDead();
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not log \"" + text + "\" within " + timeout.toSeconds() + " s; log " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Throws with the end of the log if the process has exited. */
    void failIfDead() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + "; end of " + log + ":\n" + logTail());
        }
    }

    /** SIGTERM, up to {@code grace} to exit, then SIGKILL. Idempotent. Returns true if it exited on SIGTERM. */
    synchronized boolean stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        sampleRssKiB();
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    private String logTail() {
        try {
            return Commands.tail(Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
