package io.proxyfs.bench.fs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peer (d): {@code rclone mount} of a container on the same Swift, as a user would set it up:
 * Debian's rclone, the swift backend with the test account's v1 (tempauth) credentials,
 * {@code --vfs-cache-mode writes} and otherwise rclone's defaults (among them a 5 s write-back
 * delay). rclone uploads a file after it is closed, from its cache on local disk, and does not
 * finish pending uploads when unmounted; so {@link #makeDurable} is {@code sync -f}, then waiting
 * until rclone's remote control ({@code vfs/stats}, on a loopback port) reports no upload queued
 * or in progress, then the unmount: only then is everything in Swift. A cold remount also empties
 * the cache folder. Not thread-safe.
 */
final class RcloneTarget implements Target {
    private static final Pattern IN_PROGRESS = Pattern.compile("\"uploadsInProgress\"\\s*:\\s*(\\d+)");
    private static final Pattern QUEUED = Pattern.compile("\"uploadsQueued\"\\s*:\\s*(\\d+)");
    private static final Pattern ERRORED = Pattern.compile("\"erroredFiles\"\\s*:\\s*(\\d+)");

    private final Caches caches;
    private final Path mountPoint;
    private final Path cacheDir;
    private final String container;
    private final String rcUrl;
    private final FuseProcess rclone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RcloneTarget(Daemons daemons, Teardown teardown, Caches caches, Path work, SwiftService swift) throws Exception {
        this.caches = caches;
        this.mountPoint = Files.createDirectories(work.resolve("rclone-mnt"));
        this.cacheDir = Files.createDirectories(work.resolve("rclone-cache"));
        this.container = swift.newContainer("rclone", teardown);
        Path config = work.resolve("rclone.conf");
        Files.writeString(config, "[swift]\ntype = swift\nuser = " + SwiftService.USER + "\nkey = " + SwiftService.KEY
                + "\nauth = " + swift.baseUrl() + "/auth/v1.0\n");
        int rcPort = SwiftService.freePort();
        this.rcUrl = "http://127.0.0.1:" + rcPort + "/";
        this.rclone = new FuseProcess(daemons, teardown, "rclone", mountPoint, List.of("rclone", "--config",
                config.toString(), "mount", "swift:" + container, mountPoint.toString(), "--vfs-cache-mode", "writes",
                "--cache-dir", cacheDir.toString(), "--rc", "--rc-addr", "127.0.0.1:" + rcPort, "--rc-no-auth"), Map.of());
        rclone.mount();
    }

    /** rclone's version line, for the report. */
    static String version() {
        try {
            return Commands.check(10, "rclone", "version").lines().findFirst().orElse("rclone").trim();
        } catch (IOException e) {
            return "rclone (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "rclone (version unknown)";
        }
    }

    @Override
    public String name() {
        return "rclone";
    }

    @Override
    public String description() {
        return "peer: " + version() + " mount of container " + container + " (swift backend, v1 auth) on " + mountPoint
                + ", --vfs-cache-mode writes, cache in " + cacheDir + ", otherwise defaults; durable = sync -f, "
                + "uploads finished (rc vfs/stats), unmounted";
    }

    @Override
    public Path root() {
        return mountPoint;
    }

    @Override
    public void makeCold() throws Exception {
        uploadAndUnmount();
        Folders.deleteTree(cacheDir);
        Files.createDirectories(cacheDir);
        caches.drop();
        rclone.mount();
    }

    @Override
    public void makeDurable() throws Exception {
        Commands.check(600, "sync", "-f", mountPoint.toString());
        uploadAndUnmount();
    }

    @Override
    public void reopen() throws Exception {
        if (!rclone.mounted()) {
            rclone.mount();
        }
    }

    private void uploadAndUnmount() throws Exception {
        awaitUploads(Duration.ofHours(2));
        rclone.unmount();
    }

    /** Polls rclone's {@code vfs/stats} until nothing is queued or uploading; fails on errored files. */
    private void awaitUploads(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rcUrl + "vfs/stats"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("rclone rc vfs/stats answered " + r.statusCode() + ": " + r.body());
            }
            long errored = number(ERRORED, r.body());
            if (errored > 0) {
                throw new IOException("rclone reports " + errored + " files it could not upload: " + r.body());
            }
            if (number(IN_PROGRESS, r.body()) + number(QUEUED, r.body()) == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("rclone's uploads did not finish within " + timeout.toMinutes() + " min: " + r.body());
            }
            Thread.sleep(50);
        }
    }

    private static long number(Pattern p, String json) throws IOException {
        Matcher m = p.matcher(json);
        if (!m.find()) {
            throw new IOException("rclone rc vfs/stats has no " + p.pattern() + ": " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
