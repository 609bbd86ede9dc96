package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A FUSE file-system program that runs in the foreground while its mount lasts (rclone mount,
 * s3fs -f): {@link #mount} starts it and waits for the mount, {@link #unmount} asks the kernel to
 * unmount ({@code fusermount -u}) and waits for the program to exit. Each start is a new
 * {@link Daemon} of the same name, so {@link Daemons} reports the largest peak RSS over all of
 * them. Not thread-safe.
 */
final class FuseProcess {
    private final Daemons daemons;
    private final String name;
    private final Path mountPoint;
    private final List<String> command;
    private final Map<String, String> env;
    private Daemon daemon;

    FuseProcess(Daemons daemons, Teardown teardown, String name, Path mountPoint, List<String> command,
            Map<String, String> env) {
        this.daemons = daemons;
        this.name = name;
        this.mountPoint = mountPoint;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        teardown.add(() -> Mounts.unmount(mountPoint));
    }

    boolean mounted() throws IOException {
        return Mounts.isMounted(mountPoint);
    }

    void mount() throws Exception {
        if (mounted()) {
            throw new IOException(mountPoint + " is already mounted");
        }
        daemon = daemons.start(name, command, env);
        daemon.awaitMount(mountPoint, Duration.ofSeconds(60));
    }

    void unmount() throws Exception {
        daemon.sampleRssKiB();
        Commands.check(600, "fusermount", "-u", mountPoint.toString());
        if (!daemon.stop(Duration.ofSeconds(120))) {
            throw new IOException(name + " did not exit within 120 s of its unmount");
        }
    }
}
