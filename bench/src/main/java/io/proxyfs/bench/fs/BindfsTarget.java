package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Baseline (b), the FUSE ceiling: {@code bindfs} passing a local directory through FUSE, run in
 * the foreground as the benchmark's own process (so its RSS can be read) and unmounted at teardown.
 */
final class BindfsTarget implements Target {
    private final Daemons daemons;
    private final Caches caches;
    private final Path backing;
    private final Path mountPoint;
    private Daemon bindfs;

    BindfsTarget(Daemons daemons, Teardown teardown, Caches caches, Path backing, Path mountPoint) throws Exception {
        this.daemons = daemons;
        this.caches = caches;
        this.backing = Files.createDirectories(backing);
        this.mountPoint = Files.createDirectories(mountPoint);
        teardown.add(() -> Mounts.unmount(mountPoint));
        mount();
    }

    private void mount() throws Exception {
        if (Mounts.isMounted(mountPoint)) {
            throw new IOException(mountPoint + " is already mounted");
        }
        bindfs = daemons.start("bindfs", List.of("bindfs", "-f", backing.toString(), mountPoint.toString()), Map.of());
        bindfs.awaitMount(mountPoint, Duration.ofSeconds(30));
    }

    private void unmount() throws Exception {
        bindfs.sampleRssKiB();
        Commands.check(60, "fusermount", "-u", mountPoint.toString());
        if (!bindfs.stop(Duration.ofSeconds(30))) {
            throw new IOException("bindfs did not exit after its unmount");
        }
    }

    /** bindfs's version line, for the report. */
    static String version() {
        try {
            return Commands.check(10, "bindfs", "--version").trim();
        } catch (IOException e) {
            return "bindfs (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bindfs (version unknown)";
        }
    }

    @Override
    public String name() {
        return "bindfs";
    }

    @Override
    public String description() {
        return "FUSE passthrough: " + version() + " of " + backing + " (" + FileSystems.describe(backing) + ") on " + mountPoint
                + ", default options";
    }

    @Override
    public Path root() {
        return mountPoint;
    }

    @Override
    public void makeCold() throws Exception {
        unmount();
        caches.drop();
        mount();
    }

    @Override
    public void makeDurable() throws Exception {
        Commands.check(600, "sync", "-f", mountPoint.toString());
        Commands.check(600, "sync", "-f", backing.toString());
    }
}
