package io.proxyfs.iclient;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgr.Imgr;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real system for tests: Swift (the in-process emulator, or the real Swift of
 * {@code scripts/swift-aio.sh}), a real imgr in-process on free loopback ports, a container
 * formatted and served as {@code testvol} by the real {@code imgr/mkmount.sh}, and iclients
 * mounted through FUSE on directories the test gives (always temporary ones). {@link #close()}
 * stops every iclient (unmounting), imgr, and empties the container.
 */
final class Cluster implements AutoCloseable {
    final boolean realSwift;
    final String baseUrl;
    final String container = "iclient-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final SwiftEmulator emulator;
    private final Path stateDir;
    private Imgr imgr;
    private int imgrRpcPort;
    private int imgrHttpPort;
    private final List<Iclient> clients = new ArrayList<>();

    Cluster(boolean realSwift, Path stateDir) throws Exception {
        this.realSwift = realSwift;
        this.stateDir = stateDir;
        if (realSwift) {
            RealSwift.require();
            emulator = null;
            baseUrl = RealSwift.URL;
        } else {
            emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
            baseUrl = emulator.baseUrl();
        }
        imgrRpcPort = freePort();
        imgrHttpPort = freePort();
        startImgr();
        mkmount();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void startImgr() throws Exception {
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), List.of(
                "IMGR.RetryRPCPort=" + imgrRpcPort, "IMGR.HTTPServerPort=" + imgrHttpPort,
                "IMGR.MinLeaseDuration=20ms", "IMGR.LeaseInterruptInterval=100ms", "IMGR.AuthTokenCheckInterval=1s",
                "IMGR.ServedVolumesFilePath=" + stateDir.resolve("served.json"))));
    }

    void stopImgr() {
        if (imgr != null) {
            imgr.stop();
            imgr = null;
        }
    }

    private void mkmount() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LauncherCheck.top().resolve("imgr/mkmount.sh").toString(), "-f", "-s")
                .redirectErrorStream(true);
        pb.environment().put("PROXYFS_SWIFT_URL", baseUrl);
        pb.environment().put("PROXYFS_IMGR_URL", "http://127.0.0.1:" + imgrHttpPort);
        pb.environment().put("PROXYFS_CONTAINER", container);
        pb.environment().put("PROXYFS_WAIT_SECONDS", "20");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("mkmount.sh failed: " + out);
        }
    }

    /** The iclient config for a mount on {@code mountPoint}, with extra overrides. */
    ConfMap conf(Path mountPoint, String... overrides) {
        String json = "{\"AuthURL\":\"" + baseUrl + "/auth/v1.0\",\"AuthUser\":\"" + RealSwift.USER
                + "\",\"AuthKey\":\"" + RealSwift.KEY + "\",\"Account\":\"AUTH_test\",\"Container\":\"" + container
                + "\"}";
        List<String> o = new ArrayList<>(List.of("ICLIENT.MountPointDirPath=" + mountPoint,
                "ICLIENT.RetryRPCPort=" + imgrRpcPort, "ICLIENT.HTTPServerPort=0",
                "ICLIENT.AuthPlugInEnvValue=" + json.replace(",", "\\u002C"),
                "ICLIENT.FileFlushTriggerDuration=1s", "ICLIENT.FUSEAllowOther=false"));
        o.addAll(List.of(overrides));
        return ConfMap.load(LauncherCheck.top().resolve("iclient/dev.conf"), o);
    }

    /** Mounts an iclient on {@code mountPoint} (created if missing). */
    Iclient mount(Path mountPoint, String... overrides) throws Exception {
        java.nio.file.Files.createDirectories(mountPoint);
        Iclient c = Iclient.start(conf(mountPoint, overrides));
        clients.add(c);
        return c;
    }

    /** Unmounts one iclient (SIGTERM's path). */
    void unmount(Iclient c) {
        clients.remove(c);
        c.stop();
    }

    /** The emulator (null on real Swift). */
    SwiftEmulator emulator() {
        return emulator;
    }

    int imgrRpcPort() {
        return imgrRpcPort;
    }

    int imgrHttpPort() {
        return imgrHttpPort;
    }

    @Override
    public void close() throws Exception {
        for (Iclient c : new ArrayList<>(clients)) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                // keep tearing down
            }
            forceUnmount(c.mountPoint());
        }
        clients.clear();
        stopImgr();
        SwiftClientSettings s = new SwiftClientSettings(Duration.ofMillis(20), 2.0, 4, Duration.ofSeconds(30), 8);
        try (SwiftClient swift = new SwiftClient(new TempAuth(baseUrl + "/auth/v1.0", RealSwift.USER, RealSwift.KEY, s),
                s)) {
            for (ObjectInfo o : swift.listAllObjects(container)) {
                swift.deleteObject(container, o.name());
            }
            swift.deleteContainer(container);
        } catch (IOException e) {
            // best effort
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Unmounts whatever is left on {@code dir} (after a kill -9, or a failed stop). */
    static void forceUnmount(Path dir) throws Exception {
        if (MountPoint.isMounted(dir)) {
            new ProcessBuilder("fusermount", "-u", "-z", dir.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
