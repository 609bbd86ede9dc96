package io.proxyfs.iclient;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgr.Imgr;
import io.proxyfs.iswift.SwiftAccount;
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
 * {@code scripts/swift-aio.sh}), a real imgr on free loopback ports (in-process, or as a separate
 * process a test can kill with SIGKILL: {@link #withImgrProcess}), a container
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
    private final boolean imgrAsProcess;
    private DaemonProcess imgrProcess;
    /** Starts imgr's process (a cluster made by {@link #withImgrProcess} only), from before any mount. */
    private final Spawner spawner;
    private int imgrRpcPort;
    private int imgrHttpPort;
    private final List<Iclient> clients = new ArrayList<>();

    private final List<String> imgrOverrides;
    private final SwiftAccount account;

    Cluster(boolean realSwift, Path stateDir) throws Exception {
        this(realSwift, stateDir, new String[0]);
    }

    /** The same, with extra {@code IMGR.Key=value} overrides for imgr. */
    Cluster(boolean realSwift, Path stateDir, String... imgrOverrides) throws Exception {
        this(realSwift, SwiftAccount.DEFAULT, false, stateDir, imgrOverrides);
    }

    /**
     * On the emulator, whose one account is {@code account} (a test's own user and key), with
     * extra {@code IMGR.Key=value} overrides for imgr.
     */
    Cluster(SwiftAccount account, Path stateDir, String... imgrOverrides) throws Exception {
        this(false, account, false, stateDir, imgrOverrides);
    }

    /**
     * A cluster whose imgr runs as a user runs it ({@code imgr/imgr imgr/dev.conf} with the same
     * overrides), as a separate process that {@link #killImgr()} can kill with SIGKILL; its log is
     * {@code <stateDir>/imgr.log}.
     */
    static Cluster withImgrProcess(boolean realSwift, Path stateDir, String... imgrOverrides) throws Exception {
        return new Cluster(realSwift, SwiftAccount.DEFAULT, true, stateDir, imgrOverrides);
    }

    private Cluster(boolean realSwift, SwiftAccount account, boolean imgrAsProcess, Path stateDir,
            String... imgrOverrides) throws Exception {
        this.realSwift = realSwift;
        this.imgrAsProcess = imgrAsProcess;
        this.stateDir = stateDir;
        this.imgrOverrides = List.of(imgrOverrides);
        this.account = account;
        this.spawner = imgrAsProcess ? new Spawner(stateDir) : null;
        if (realSwift) {
            RealSwift.require();
            emulator = null;
            baseUrl = RealSwift.URL;
        } else {
            emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).account(account).start();
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
        List<String> overrides = new ArrayList<>(List.of(
                "IMGR.RetryRPCPort=" + imgrRpcPort, "IMGR.HTTPServerPort=" + imgrHttpPort,
                "IMGR.MinLeaseDuration=20ms", "IMGR.LeaseInterruptInterval=100ms", "IMGR.AuthTokenCheckInterval=1s",
                "IMGR.ServedVolumesFilePath=" + stateDir.resolve("served.json")));
        overrides.addAll(imgrOverrides);
        if (imgrAsProcess) {
            overrides.addAll(List.of("IMGR.LogToConsole=false", "IMGR.LogFilePath=" + stateDir.resolve("imgr.log")));
            imgrProcess = new DaemonProcess(spawner, "imgr", "imgr", imgrHttpPort, stateDir, overrides);
            imgrProcess.start();
            return;
        }
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), overrides));
    }

    /** Stops imgr cleanly (its stop writes a last checkpoint); SIGTERM when it runs as a process. */
    void stopImgr() throws InterruptedException {
        if (imgr != null) {
            imgr.stop();
            imgr = null;
        }
        if (imgrProcess != null) {
            int code = imgrProcess.stop();
            imgrProcess = null;
            if (code != 0) {
                throw new IllegalStateException("imgr exited with " + code + " on SIGTERM");
            }
        }
    }

    /** kill -9 of imgr (a cluster made by {@link #withImgrProcess} only); {@link #startImgr()} starts it again. */
    void killImgr() throws InterruptedException {
        if (imgrProcess == null) {
            throw new IllegalStateException("imgr does not run as a process here");
        }
        imgrProcess.kill();
        imgrProcess = null;
    }

    private void mkmount() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LauncherCheck.top().resolve("imgr/mkmount.sh").toString(), "-f", "-s")
                .redirectErrorStream(true);
        pb.environment().put("PROXYFS_SWIFT_URL", baseUrl);
        pb.environment().put("PROXYFS_SWIFT_USER", account.user());
        pb.environment().put("PROXYFS_SWIFT_KEY", account.key());
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
        String json = "{\"AuthURL\":\"" + baseUrl + "/auth/v1.0\",\"AuthUser\":\"" + account.user()
                + "\",\"AuthKey\":\"" + account.key() + "\",\"Account\":\"" + account.account() + "\",\"Container\":\"" + container
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

    /**
     * Starts iclient as a process, as a user runs it ({@code iclient/iclient iclient/dev.conf} with
     * overrides pointing at this cluster), mounting on {@code mountPoint}; its log and output go
     * to {@code logDir}. The caller kills it and calls {@link #forceUnmount}.
     */
    Process launchIclient(Path mountPoint, Path logDir, String... extra) throws Exception {
        java.nio.file.Files.createDirectories(mountPoint);
        List<String> command = new ArrayList<>(List.of(LauncherCheck.top().resolve("iclient/iclient").toString(),
                "iclient/dev.conf"));
        String json = "{\"AuthURL\":\"" + baseUrl + "/auth/v1.0\",\"AuthUser\":\"" + account.user()
                + "\",\"AuthKey\":\"" + account.key() + "\",\"Account\":\"" + account.account() + "\",\"Container\":\"" + container
                + "\"}";
        command.addAll(List.of("ICLIENT.MountPointDirPath=" + mountPoint, "ICLIENT.RetryRPCPort=" + imgrRpcPort,
                "ICLIENT.HTTPServerPort=0", "ICLIENT.AuthPlugInEnvName=IAUTH_IT", "ICLIENT.AuthPlugInEnvValue=",
                "ICLIENT.FUSEAllowOther=false", "ICLIENT.LogToConsole=false",
                "ICLIENT.LogFilePath=" + logDir.resolve("iclient.log")));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(LauncherCheck.top().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("iclient.out").toFile()));
        pb.environment().put("IAUTH_IT", json);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!MountPoint.isMounted(mountPoint)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("iclient exited: "
                        + java.nio.file.Files.readString(logDir.resolve("iclient.out")));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("iclient did not mount " + mountPoint);
            }
            Thread.sleep(100);
        }
        return p;
    }

    /**
     * Runs the offline consistency checker ({@code imgr/icheck}'s engine) on the volume's container
     * and returns its report; call it with every iclient unmounted, so nothing changes meanwhile.
     */
    io.proxyfs.imgr.check.CheckReport check() throws Exception {
        try (SwiftClient swift = adminSwift()) {
            return new io.proxyfs.imgr.check.Icheck(new io.proxyfs.imgr.check.ContainerReader(swift, container), 8)
                    .check("testvol");
        }
    }

    /**
     * Checks the volume right after a client was killed and deletes its crash orphans (objects it
     * wrote and never got referenced); returns the report of that first check (a clean one lists
     * the orphans), or the first report that found corruption. A running imgr may hold inode table
     * changes not yet checkpointed: their objects look like crash orphans (written after the
     * durable checkpoint) but must not be deleted. So imgr is stopped (its stop writes a last
     * checkpoint), the volume checked again, and only the first check's orphans that this second
     * check finds unreferenced are deleted (it calls them leaks: they are older than its
     * checkpoint); anything else it finds is returned as corruption. imgr is started again and a
     * last check must find the volume clean.
     */
    io.proxyfs.imgr.check.CheckReport checkAndScrub() throws Exception {
        return checkAndScrub(p -> false);
    }

    /**
     * {@link #checkAndScrub()}, where findings {@code tolerated} accepts (space a crash leaked,
     * in a crash campaign) neither stop the procedure nor are deleted; they stay in the reports
     * for the caller to count. Leaked objects that were crash orphans at the first check are
     * deleted as the scrub would.
     */
    io.proxyfs.imgr.check.CheckReport checkAndScrub(java.util.function.Predicate<io.proxyfs.imgr.check.Problem> tolerated)
            throws Exception {
        io.proxyfs.imgr.check.CheckReport atKill = check();
        if (!atKill.complete() || !atKill.problems().stream().allMatch(tolerated)) {
            System.out.println("checkAndScrub: the check with imgr running found " + atKill.problems());
            return atKill;
        }
        java.util.Set<Long> orphans = new java.util.HashSet<>();
        for (io.proxyfs.imgr.check.Problem p : atKill.orphans()) {
            orphans.add(p.object());
        }
        stopImgr();
        try {
            io.proxyfs.imgr.check.CheckReport settled = check();
            if (!settled.complete()) {
                return settled;
            }
            List<Long> unreferenced = new ArrayList<>();
            for (io.proxyfs.imgr.check.Problem p : settled.problems()) {
                if (p.kind() == io.proxyfs.imgr.check.ProblemKind.LEAKED_OBJECT && orphans.contains(p.object())) {
                    unreferenced.add(p.object());
                } else if (!tolerated.test(p)) {
                    System.out.println("checkAndScrub: the check after imgr's last checkpoint found "
                            + settled.problems());
                    return settled;
                }
            }
            try (SwiftClient swift = adminSwift()) {
                for (long n : unreferenced) {
                    swift.deleteObject(container, io.proxyfs.ilayout.ObjectNames.nameOf(n));
                }
            }
            io.proxyfs.imgr.check.CheckReport after = check();
            if (!after.complete() || !after.problems().stream().allMatch(tolerated)) {
                return after;
            }
            return after;
        } finally {
            startImgr();
        }
    }

    /** {@link #check()}, failing with every problem found unless the volume is clean. */
    void assertConsistent() throws Exception {
        io.proxyfs.imgr.check.CheckReport report = check();
        // imgr still serves the volume: a checkpoint it writes after the clients are gone (deletes
        // of superseded objects, its periodic interval) makes a check report only that the
        // checkpoint moved under it. The volume is quiet by then: check again, a bounded number of times.
        for (int again = 0; again < 20 && onlyMovedCheckpoint(report); again++) {
            Thread.sleep(500);
            report = check();
        }
        if (!report.clean() || !report.complete()) {
            throw new AssertionError("icheck found problems in " + container + ": " + report.problems());
        }
    }

    private static boolean onlyMovedCheckpoint(io.proxyfs.imgr.check.CheckReport report) {
        return !report.problems().isEmpty() && report.problems().stream()
                .allMatch(p -> p.kind() == io.proxyfs.imgr.check.ProblemKind.CHANGED_DURING_CHECK);
    }

    /**
     * Waits (up to {@code timeout}) until Swift serves the volume's objects again (a HEAD of
     * object 0 succeeds), after an outage of a Swift server; returns how long that took.
     */
    Duration awaitObjectsServed(Duration timeout) throws Exception {
        long start = System.nanoTime();
        try (SwiftClient swift = adminSwift()) {
            while (true) {
                try {
                    swift.headObject(container, io.proxyfs.ilayout.ObjectNames.nameOf(0));
                    return Duration.ofNanos(System.nanoTime() - start);
                } catch (IOException e) {
                    if (System.nanoTime() - start > timeout.toNanos()) {
                        throw new IOException("Swift did not serve " + container + "'s objects again within " + timeout, e);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /** A Swift client of the test account (not the volume's), for checks and clean-up. */
    private SwiftClient adminSwift() {
        SwiftClientSettings s = new SwiftClientSettings(Duration.ofMillis(20), 2.0, 4, Duration.ofSeconds(30), 8);
        return new SwiftClient(new TempAuth(baseUrl + "/auth/v1.0", account.user(), account.key(), s), s);
    }

    /** A mount at imgr of its own (no FUSE, no file system), as iclient makes one; the caller closes it. */
    io.proxyfs.iclient.rpc.ImgrClient imgrClient() throws Exception {
        IclientConfig c = IclientConfig.from(conf(stateDir.resolve("unused")));
        return new io.proxyfs.iclient.rpc.ImgrClient(c.retryRpcClientSettings(), c.volumeName(),
                io.proxyfs.iauth.PlugInAuth.from(c.auth()));
    }

    /**
     * A {@link io.proxyfs.iclient.inode.FileSystem} on its own imgr mount, wired as {@link Iclient}
     * wires it but without FUSE; what it opens is added to {@code opened} for the caller to close.
     */
    io.proxyfs.iclient.inode.FileSystem fileSystem(io.proxyfs.iclient.inode.FsSettings settings,
            List<AutoCloseable> opened) throws Exception {
        IclientConfig c = IclientConfig.from(conf(stateDir.resolve("unused")));
        io.proxyfs.iauth.PlugInAuth auth = io.proxyfs.iauth.PlugInAuth.from(c.auth());
        SwiftClient swift = new SwiftClient(auth, c.swift());
        opened.add(swift);
        LeaseMount m = leaseMount(opened);
        io.proxyfs.iclient.inode.FileSystem f = new io.proxyfs.iclient.inode.FileSystem(m.imgr(), m.leases(),
                new io.proxyfs.iclient.inode.ObjectStore(swift, auth.container()), settings, 4096, 64, 1000, 1010, 4);
        opened.add(f);
        return f;
    }

    /** An imgr mount and its lease table. */
    record LeaseMount(io.proxyfs.iclient.rpc.ImgrClient imgr, io.proxyfs.iclient.lease.LeaseTable leases) {
    }

    /**
     * A lease table on its own imgr mount, wired to its interrupts as {@link Iclient} wires it
     * (MaxSharedLeases 500, MaxExclusiveLeases 100); what it opens is added to {@code opened}.
     */
    LeaseMount leaseMount(List<AutoCloseable> opened) throws Exception {
        return leaseMount(opened, 500, 100, io.proxyfs.iclient.lease.LeaseTable.TRIM_IDLE);
    }

    /** As {@link #leaseMount(List)}, with these lease caps and trim delay. */
    LeaseMount leaseMount(List<AutoCloseable> opened, long maxShared, long maxExclusive, Duration trimIdle)
            throws Exception {
        IclientConfig c = IclientConfig.from(conf(stateDir.resolve("unused")));
        io.proxyfs.iauth.PlugInAuth auth = io.proxyfs.iauth.PlugInAuth.from(c.auth());
        io.proxyfs.iclient.rpc.ImgrClient imgr = new io.proxyfs.iclient.rpc.ImgrClient(c.retryRpcClientSettings(),
                c.volumeName(), auth);
        io.proxyfs.iclient.lease.LeaseTable leases = new io.proxyfs.iclient.lease.LeaseTable(imgr,
                Duration.ofMillis(10), 50, maxShared, maxExclusive, trimIdle);
        imgr.setListener(new io.proxyfs.iclient.rpc.ImgrClient.Listener() {
            @Override
            public void onInterrupt(io.proxyfs.imgrapi.RpcInterrupt interrupt) {
                leases.onInterrupt(interrupt);
            }

            @Override
            public void onRemount() {
                leases.lost();
            }
        });
        opened.add(leases);
        opened.add(imgr);
        return new LeaseMount(imgr, leases);
    }

    /** The emulator's fault injector (emulated clusters only). */
    io.proxyfs.iswift.FaultInjector faults() {
        if (emulator == null) {
            throw new IllegalStateException("faults can only be injected into the emulator");
        }
        return emulator.faults();
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
        try {
            stopImgr();
        } catch (RuntimeException e) {
            // keep tearing down
        } finally {
            if (imgrProcess != null) {
                imgrProcess.kill();
                imgrProcess = null;
            }
            if (spawner != null) {
                spawner.close();
            }
        }
        try (SwiftClient swift = adminSwift()) {
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
