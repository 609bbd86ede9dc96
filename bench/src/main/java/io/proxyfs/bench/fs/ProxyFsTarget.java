package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Target (c), this project: iclient as a process from its built jar ({@code iclient/iclient
 * iclient/dev.conf} with only what must differ overridden: mount point, imgr port, container,
 * no HTTP server, no allow_other; plus the user's {@code --iclient-set}), the volume served by
 * {@link ImgrService}. A cold remount is SIGTERM (iclient writes back and unmounts) and a new
 * iclient.
 */
final class ProxyFsTarget implements Target {
    private static final String AUTH_ENV = "FSBENCH_IAUTH";

    private final Daemons daemons;
    private final Caches caches;
    private final Path mountPoint;
    private final List<String> command;
    private final Map<String, String> env;
    private final String swiftLabel;
    private final List<String> overrides;
    private Daemon iclient;

    ProxyFsTarget(Daemons daemons, Teardown teardown, Caches caches, Path top, Path mountPoint, SwiftService swift,
            ImgrService imgr, List<String> overrides) throws Exception {
        this.daemons = daemons;
        this.caches = caches;
        this.mountPoint = Files.createDirectories(mountPoint);
        this.swiftLabel = swift.label();
        this.overrides = List.copyOf(overrides);
        this.env = authEnv(swift);
        List<String> c = new ArrayList<>(List.of(top.resolve("iclient/iclient").toString(), "iclient/dev.conf",
                "ICLIENT.VolumeName=" + ImgrService.VOLUME, "ICLIENT.MountPointDirPath=" + mountPoint,
                "ICLIENT.RetryRPCPort=" + imgr.rpcPort(), "ICLIENT.HTTPServerPort=0",
                "ICLIENT.FUSEAllowOther=false"));
        c.addAll(authOverrides());
        c.addAll(overrides);
        this.command = List.copyOf(c);
        teardown.add(() -> Mounts.unmount(mountPoint));
        mount();
    }

    /**
     * The environment giving iclient (or icheck, which reads the same config) the Swift plug-in's
     * credentials for {@code swift}'s container; the config points at it with {@link #authOverrides}.
     */
    static Map<String, String> authEnv(SwiftService swift) {
        return Map.of(AUTH_ENV, "{\"AuthURL\":\"" + swift.baseUrl() + "/auth/v1.0\",\"AuthUser\":\"" + SwiftService.USER
                + "\",\"AuthKey\":\"" + SwiftService.KEY + "\",\"Account\":\"AUTH_test\",\"Container\":\""
                + swift.container() + "\"}");
    }

    /** The overrides of {@code iclient/dev.conf} that make it read {@link #authEnv}. */
    static List<String> authOverrides() {
        return List.of("ICLIENT.AuthPlugInEnvName=" + AUTH_ENV, "ICLIENT.AuthPlugInEnvValue=");
    }

    private void mount() throws Exception {
        if (Mounts.isMounted(mountPoint)) {
            throw new IOException(mountPoint + " is already mounted");
        }
        iclient = daemons.start("iclient", command, env);
        iclient.awaitMount(mountPoint, Duration.ofSeconds(120));
        // The mount shows before iclient has finished starting; a SIGTERM before then ends it
        // without unmounting from imgr, and the next mount waits for imgr to expire that one.
        iclient.awaitLog("mounted at " + mountPoint, Duration.ofSeconds(120));
    }

    private void unmount() throws Exception {
        iclient.sampleRssKiB();
        if (!iclient.stop(Duration.ofSeconds(600))) {
            throw new IOException("iclient did not exit within 600 s of SIGTERM");
        }
        if (Mounts.isMounted(mountPoint)) {
            throw new IOException("iclient exited on SIGTERM but left " + mountPoint + " mounted");
        }
    }

    /** The iclient process now mounted (changes at every cold remount). */
    Daemon iclient() {
        return iclient;
    }

    @Override
    public String name() {
        return "proxyfs";
    }

    @Override
    public String description() {
        return "this project: iclient (iclient/dev.conf, " + (overrides.isEmpty() ? "defaults" : "with " + String.join(" ", overrides)) + ") on " + mountPoint + ", volume in " + swiftLabel;
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
        // close already wrote everything back (objects in Swift, the table update accepted by
        // imgr) but leaves imgr's checkpoint to the background: an fsync of the mount's root
        // (FUSE fsyncdir) waits for that checkpoint. The sync is the request the baselines get.
        Commands.check(600, "sync", "-f", mountPoint.toString());
        try (java.nio.channels.FileChannel root = java.nio.channels.FileChannel.open(mountPoint,
                java.nio.file.StandardOpenOption.READ)) {
            root.force(true);
        }
    }
}
