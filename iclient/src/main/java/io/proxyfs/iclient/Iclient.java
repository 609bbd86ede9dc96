package io.proxyfs.iclient;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.Service;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.iauth.AuthException;
import io.proxyfs.iauth.PlugInAuth;
import io.proxyfs.iclient.fuse.FuseCall;
import io.proxyfs.iclient.fuse.ProxyFsFuse;
import io.proxyfs.iclient.http.IclientMetrics;
import io.proxyfs.iclient.http.IclientStatus;
import io.proxyfs.iclient.inode.FileSystem;
import io.proxyfs.iclient.inode.FsSettings;
import io.proxyfs.iclient.inode.ObjectStore;
import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.iclient.lease.LeaseTable;
import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iclient daemon: authenticates through the auth plug-in, mounts the volume in imgr, builds
 * the file system and mounts it through FUSE at {@code MountPointDirPath}, then serves the status
 * HTTP routes. {@link #stop()} (SIGINT/SIGTERM) writes back everything dirty, releases every
 * lease, unmounts FUSE, then unmounts from imgr. Thread-safe: {@link #start} once, {@link #stop}
 * once.
 */
public final class Iclient implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Iclient.class);

    private final IclientConfig config;
    private final Path mountPoint;
    private final SwiftClient swift;
    private final ImgrClient imgr;
    private final LeaseTable leases;
    private final FileSystem fs;
    private final FuseCall calls;
    private final IclientMetrics metrics;
    private final ProxyFsFuse fuse;
    private final StatusServer http;
    private volatile boolean stopped;
    /** Completed when the mount went away without {@link #stop()} (someone's fusermount -u). */
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    /** libfuse's session has ended: the mount point is no longer ours to unmount. */
    private volatile boolean sessionGone;
    /** Our mount's ID in /proc/self/mountinfo (-1 if it was gone at once): what stop may unmount. */
    private final long mountId;

    private Iclient(IclientConfig config, ConfMap conf) throws IOException, ImgrRpcException, AuthException,
            InterruptedException {
        this.config = config;
        this.mountPoint = config.mountPointDirPath().toAbsolutePath().normalize();
        MountPoint.check(mountPoint);
        PlugInAuth auth = PlugInAuth.from(config.auth());
        String container = auth.container();
        swift = new SwiftClient(auth, config.swift());
        try {
            requireVolumeContainer(swift, container);
            imgr = new ImgrClient(config.retryRpcClientSettings(), config.volumeName(), auth);
        } catch (IOException | ImgrRpcException | RuntimeException e) {
            swift.close();
            throw e;
        }
        leases = new LeaseTable(imgr, config.inodeLockRetryDelay(), config.inodeLockRetryDelayVariance(),
                config.maxSharedLeases(), config.maxExclusiveLeases());
        imgr.setListener(new ImgrClient.Listener() {
            @Override
            public void onInterrupt(RpcInterrupt interrupt) {
                leases.onInterrupt(interrupt);
            }

            @Override
            public void onRemount() {
                leases.lost();
            }
        });
        fs = new FileSystem(imgr, leases, new ObjectStore(swift, container),
                new FsSettings(config.dirInodeMaxKeysPerBPlusTreePage(), config.fileInodeMaxKeysPerBPlusTreePage(),
                        config.fileFlushTriggerSize(), config.fileFlushTriggerDuration(), config.fuse().nameLenMax(),
                        config.fuse().blockSize(), config.closeCheckPointDelay()),
                config.readCacheLineSize(), config.readCacheLineCountMax(), config.inodePayloadEvictLowLimit(),
                config.inodePayloadEvictHighLimit(), Math.min(32, config.swift().connectionPoolSize()));
        calls = new FuseCall(config.fuseLogEnabled());
        metrics = new IclientMetrics(this::stats);
        calls.observe(metrics.fuseObserver());
        swift.observe(metrics.swiftObserver());
        fuse = new ProxyFsFuse(fs, calls, "proxyfs", this::sessionEnded);
        try {
            fuse.mount(mountPoint, false, false, mountOptions(config));
            if (!MountPoint.await(mountPoint, true, 15_000)) {
                throw new IOException(sessionGone ? mountPoint + " was unmounted while iclient was starting"
                        : "FUSE did not mount " + mountPoint + " within 15 s");
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            fuse.umount();
            fs.close();
            imgr.close();
            leases.close();
            swift.close();
            if (e instanceof RuntimeException r) {
                throw new IOException("cannot mount " + mountPoint + ": " + r.getMessage()
                        + (r.getCause() != null ? " (" + r.getCause().getMessage() + ")" : ""), r);
            }
            throw e;
        }
        mountId = MountPoint.topMountId(mountPoint).orElse(-1);
        LOG.info("volume {} mounted at {}", config.volumeName(), mountPoint);
        LOG.info("FUSEMaxBackground {}, FUSECongestionThreshhold {} and FUSEMaxPages {} are not applied: libfuse 2's"
                + " high-level API cannot pass them, the kernel's defaults hold (PORTING.md)",
                config.fuse().maxBackground(), config.fuse().congestionThreshold(), config.fuse().maxPages());
        StatusServer server = null;
        if (config.httpServerPort() != 0) {
            try {
                server = new StatusServer("iclient", config.httpServerIPAddr(), config.httpServerPort(),
                        new IclientStatus(statusSource(), conf).router().add("GET", "/metrics", metrics.endpoint()),
                        StatusServer.DEFAULT_MAX_BODY_BYTES).start();
            } catch (IOException | RuntimeException e) {
                stopEverything();
                throw e;
            }
        }
        http = server;
    }

    /**
     * Refuses a container without a checkpoint object: the auth plug-in's {@code Container} names
     * where this client reads and writes the volume's objects, and a wrong one would send file
     * data to a container imgr never looks at.
     */
    private static void requireVolumeContainer(SwiftClient swift, String container) throws IOException {
        String checkPoint = ObjectNames.nameOf(LayoutConstants.CHECK_POINT_OBJECT_NUMBER);
        try {
            swift.headObject(container, checkPoint);
        } catch (SwiftException e) {
            if (e.isNotFound()) {
                throw new IOException("container " + container + " (the auth plug-in's Container) holds no volume: it"
                        + " has no checkpoint object " + checkPoint + "; Container must name the volume's container", e);
            }
            throw e;
        }
    }

    /** Starts iclient from its config; throws (having released what it started) if it cannot. */
    public static Iclient start(ConfMap conf) throws Exception {
        return new Iclient(IclientConfig.from(conf), conf);
    }

    /** The FUSE mount options for the config. */
    static String[] mountOptions(IclientConfig config) {
        IclientConfig.Fuse f = config.fuse();
        List<String> o = new ArrayList<>(List.of("fsname=proxyfs:" + config.volumeName(), "subtype=ProxyFS",
                "default_permissions", "use_ino", "hard_remove", "big_writes",
                "max_read=" + f.maxRead(), "max_write=" + f.maxWrite(),
                "entry_timeout=" + seconds(f.entryValidDuration()), "attr_timeout=" + seconds(f.attrValidDuration()),
                "negative_timeout=0"));
        if (f.allowOther()) {
            o.add("allow_other");
        }
        return new String[] {"-o", String.join(",", o)};
    }

    private static String seconds(java.time.Duration d) {
        return String.valueOf(d.toNanos() / 1e9);
    }

    /** The mount point actually mounted. */
    public Path mountPoint() {
        return mountPoint;
    }

    /** The HTTP port bound, or 0 without a server. */
    public int httpPort() {
        return http == null ? 0 : http.port();
    }

    /** The file system (tests use it to look behind the mount). */
    public FileSystem fileSystem() {
        return fs;
    }

    private IclientStatus.Source statusSource() {
        return new IclientStatus.Source() {
            @Override
            public Map<String, String> mount() {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("VolumeName", config.volumeName());
                m.put("MountPointDirPath", mountPoint.toString());
                m.put("MountID", imgr.mountId());
                m.put("imgr", config.retryRpcPublicIPAddr() + ":" + config.retryRpcPort());
                m.put("State", stopped ? "stopping" : "mounted");
                return m;
            }

            @Override
            public Map<String, Long> stats() {
                return Iclient.this.stats();
            }

            @Override
            public Map<Long, LeaseState> leases() {
                return leases.snapshot();
            }

            @Override
            public int giveUpAll(LeaseState target) {
                int n = 0;
                for (Long inode : leases.snapshot().keySet()) {
                    if (leases.giveUpNow(inode, target)) {
                        n++;
                    }
                }
                return n;
            }

            @Override
            public List<String> recentErrors() {
                return calls.recentErrors();
            }
        };
    }

    /** Every counter: FUSE, file system, caches, Swift, leases, imgr. */
    public Map<String, Long> stats() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("fuseCalls", calls.calls());
        out.put("fuseErrors", calls.errors());
        out.putAll(fs.stats());
        out.putAll(leases.stats());
        out.put("imgrCalls", imgr.calls());
        out.put("imgrRemounts", imgr.remounts());
        out.put("imgrRenewals", imgr.renewals());
        imgr.transportStats().forEach((k, v) -> out.put("retryrpc." + k, v));
        return out;
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (http != null) {
            http.close();
        }
        stopEverything();
    }

    /** On libfuse's thread, once the kernel has unmounted us (by {@link #stop()} or by someone else). */
    private void sessionEnded() {
        sessionGone = true;
        if (!stopped) {
            LOG.warn("{} was unmounted by someone else (fusermount -u?); iclient stops", mountPoint);
            ended.complete(mountPoint + " was unmounted");
        }
    }

    @Override
    public CompletionStage<String> ended() {
        return ended;
    }

    private void stopEverything() {
        fs.close();
        if (!sessionGone) {
            unmountOurs();
        }   // else unmounted already: fusermount on the path now would unmount whatever else sits there
        closeClients();
    }

    /**
     * Unmounts our mount, but only while it is the one on top at the mount point: fusermount
     * unmounts whatever was mounted last on the path.
     */
    private void unmountOurs() {
        try {
            OptionalLong top = MountPoint.topMountId(mountPoint);
            if (top.isEmpty()) {
                LOG.warn("{} is not mounted any more", mountPoint);
                fuse.leaveMountPointAlone();
                return;
            }
            if (top.getAsLong() != mountId) {
                LOG.warn("{} has another mount on top of it (mount {}; ours is {}): not unmounting the path; ours is"
                        + " cut off when iclient exits (fusermount -u {} once the other one is unmounted)", mountPoint,
                        top.getAsLong(), mountId, mountPoint);
                fuse.leaveMountPointAlone();
                return;
            }
            fuse.umount();                              // jnr-fuse: ends the session, fusermount -u -z
            if (!MountPoint.awaitGone(mountPoint, mountId, 5_000) && ourMountOnTop()) {
                // Busy (a process has a file open or its cwd there): detach it lazily; the kernel
                // finishes the unmount when the last user leaves.
                LOG.warn("{} is busy; unmounting it lazily", mountPoint);
                new ProcessBuilder("fusermount", "-u", "-z", mountPoint.toString()).inheritIO().start()
                        .waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            LOG.warn("cannot check that {} is unmounted: {}", mountPoint, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean ourMountOnTop() throws IOException {
        OptionalLong top = MountPoint.topMountId(mountPoint);
        return top.isPresent() && top.getAsLong() == mountId;
    }

    private void closeClients() {
        imgr.close();
        leases.close();
        swift.close();
        LOG.info("volume {} unmounted from {}", config.volumeName(), mountPoint);
    }
}
