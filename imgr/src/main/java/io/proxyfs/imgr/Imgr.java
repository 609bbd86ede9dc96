package io.proxyfs.imgr;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.Service;
import io.proxyfs.httpstatus.ConfigEndpoint;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.MetricRegistry;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.httpstatus.VersionEndpoint;
import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.imgr.http.ImgrMetrics;
import io.proxyfs.imgr.http.KeepAlive;
import io.proxyfs.imgr.http.MountDirectory;
import io.proxyfs.imgr.http.VolumeEndpoints;
import io.proxyfs.imgr.lease.LeaseSnapshot;
import io.proxyfs.imgr.lease.ScheduledLeaseClock;
import io.proxyfs.imgr.rpc.MountSummary;
import io.proxyfs.imgr.rpc.ImgrRpc;
import io.proxyfs.imgr.volume.VolumeAdminException;
import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.retryrpc.MethodRegistry;
import io.proxyfs.retryrpc.RetryRpcServer;
import io.proxyfs.sortedmap.BPlusTreeCache;
import io.proxyfs.swift.SwiftClientSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imgr daemon: starts, in the original's order, the served volumes (again those of the last
 * run), the retryrpc server on {@code PublicIPAddr:RetryRPCPort} and the HTTP server on
 * {@code PrivateIPAddr:HTTPServerPort}; stops in reverse, writing a last checkpoint of every open
 * volume. Clients stay mounted across an imgr restart: they reconnect and mount again. Thread-safe:
 * {@link #start} once, {@link #stop} once.
 */
public final class Imgr implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Imgr.class);

    private final ExecutorService deleter;
    private final ScheduledLeaseClock leaseClock;
    private final Optional<IckptQuorum> ickpt;
    /** {@code GET /metrics}: the ickpt client's figures, the served volumes, and {@link ImgrMetrics}'. */
    private final MetricRegistry metrics = new MetricRegistry();
    private final VolumeManager volumes;
    private final RetryRpcServer rpcServer;
    private final KeepAlive keepAlive;
    private final StatusServer http;

    private Imgr(ImgrConfig config, ConfMap conf) throws IOException {
        deleter = Executors.newFixedThreadPool(config.parallelObjectDeletePerVolumeLimit(), r -> {
            Thread t = new Thread(r, "imgr-delete");
            t.setDaemon(true);
            return t;
        });
        leaseClock = ScheduledLeaseClock.withOwnThread("imgr-lease-timer");
        BPlusTreeCache cache = new BPlusTreeCache(config.inodeTableCacheEvictLowLimit(),
                config.inodeTableCacheEvictHighLimit());
        ImgrConfig.Swift s = config.swift();
        SwiftClientSettings swift = new SwiftClientSettings(s.retryDelay(), s.retryExpBackoff(),
                (int) s.retryLimit(), s.timeout(), (int) s.connectionPoolSize());
        ickpt = ickptQuorum(config.checkPoint(), metrics);
        try {
            volumes = new VolumeManager(swift, new VolumeSettings(config.fetchNonceRangeToReturn(),
                    config.parallelObjectDeletePerVolumeLimit(), cache), config.checkPoint().interval(), deleter,
                    Optional.of(config.servedVolumesFilePath()), ickpt);
        } catch (IOException | RuntimeException e) {
            release(deleter::shutdownNow, leaseClock, () -> ickpt.ifPresent(IckptQuorum::close));
            throw e;
        }
        AtomicReference<RetryRpcServer> server = new AtomicReference<>();
        ImgrRpc rpc = new ImgrRpc(new ImgrRpc.Settings(config.mountLimit(), config.openFileLimit(),
                config.authTokenCheckInterval(), config.fetchNonceRangeToReturn(), config.leases()),
                volumes, volumes::accepts, (id, payload) -> server.get() != null && server.get().sendUpcall(id, payload),
                leaseClock, System::nanoTime);
        MethodRegistry methods = rpc.register(new MethodRegistry());
        rpcServer = new RetryRpcServer(config.retryRpcServerSettings(), methods);
        server.set(rpcServer);
        try {
            rpcServer.start();
        } catch (IOException | RuntimeException e) {
            release(deleter::shutdownNow, leaseClock, () -> ickpt.ifPresent(IckptQuorum::close), volumes);
            throw e;
        }
        metrics.gauge("imgr_volumes_served", "Volumes imgr serves.", () -> volumes.list().size());
        keepAlive = new KeepAlive(this::unserveAll);
        VersionEndpoint version = new VersionEndpoint(Imgr.class);
        Router router = new Router()
                .add("GET", "/version", version)
                .add("GET", "/config", new ConfigEndpoint(conf))
                .add("GET", "/stats", r -> HttpResponse.text(200, stats()))
                .add("GET", "/", r -> HttpResponse.html("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                        + "<title>imgr</title></head><body><h1>imgr " + version.version() + "</h1><ul>"
                        + "<li><a href=\"/volume\">Volumes</a></li><li><a href=\"/config\">Config</a></li>"
                        + "<li><a href=\"/stats\">Stats</a></li><li><a href=\"/metrics\">Metrics</a></li></ul></body></html>"));
        MountDirectory mounts = new MountDirectory() {
            @Override
            public List<MountSummary> mounts(String volumeName) {
                return rpc.mountSummaries(volumeName);
            }

            @Override
            public Optional<LeaseSnapshot> leases(String volumeName) {
                return rpc.leases(volumeName);
            }
        };
        ImgrMetrics imgrMetrics = new ImgrMetrics(metrics, volumes::list, mounts);
        methods.observe(imgrMetrics.rpcObserver());
        volumes.observeSwift(imgrMetrics.swiftObserver());
        router.add("GET", "/metrics", imgrMetrics.endpoint());
        new VolumeEndpoints(volumes, mounts, config.inodeTableMaxInodesPerBPlusTreePage(),
                config.rootDirMaxDirEntriesPerBPlusTreePage(), keepAlive::touch).addTo(router);
        keepAlive.addTo(router);
        try {
            http = new StatusServer("imgr", config.privateIPAddr(), config.httpServerPort(), router,
                    StatusServer.DEFAULT_MAX_BODY_BYTES).start();
        } catch (IOException | RuntimeException e) {
            release(deleter::shutdownNow, leaseClock, () -> ickpt.ifPresent(IckptQuorum::close), volumes, rpcServer,
                    keepAlive);
            throw e;
        }
    }

    /** Starts imgr from its config; throws (having released what it started) if it cannot. */
    public static Imgr start(ConfMap conf) throws IOException {
        return new Imgr(ImgrConfig.from(conf), conf);
    }

    /** Closes what a failed start had started, in reverse order. */
    private static void release(AutoCloseable... started) {
        for (int i = started.length - 1; i >= 0; i--) {
            if (started[i] == null) {
                continue;
            }
            try {
                started[i].close();
            } catch (Exception e) {
                LOG.warn("while abandoning a failed start: {}", e.getMessage());
            }
        }
    }

    /** The ickpt cluster's client when {@code CheckPointIPAddrs} lists instances. */
    private static Optional<IckptQuorum> ickptQuorum(ImgrConfig.CheckPoint c, MetricRegistry metrics)
            throws IOException {
        if (c.ipAddrs().isEmpty()) {
            return Optional.empty();
        }
        IckptQuorum quorum = new IckptQuorum(new IckptClientSettings(c.ipAddrs(), c.port(), c.caCertFile(),
                c.retryDelay(), c.retryExpBackoff(), (int) Math.min(c.retryLimit(), 1000), c.timeout(),
                (int) Math.min(c.connectionPoolSize(), 10_000)), metrics);
        LOG.info("checkpoints kept by ickpt at {} (majority {})", quorum.instances(), quorum.majority());
        return Optional.of(quorum);
    }

    /** The retryrpc port actually bound. */
    public int rpcPort() {
        return rpcServer.port();
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.port();
    }

    @Override
    public void stop() {
        http.close();
        keepAlive.close();
        rpcServer.close();
        volumes.close();
        ickpt.ifPresent(IckptQuorum::close);
        leaseClock.close();
        deleter.shutdown();
        try {
            deleter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void unserveAll() {
        for (VolumeInfo v : volumes.list()) {
            try {
                volumes.unserve(v.name());
                LOG.info("keepalive expired: volume {} no longer served", v.name());
            } catch (VolumeAdminException e) {
                LOG.warn("keepalive expired: volume {}: {}", v.name(), e.getMessage());
            }
        }
    }

    private String stats() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : rpcServer.stats().entrySet()) {
            out.append("retryrpc.").append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        for (VolumeInfo v : volumes.list()) {
            out.append("volume.").append(v.name()).append(".open ").append(v.open() ? 1 : 0).append('\n');
            out.append("volume.").append(v.name()).append(".checkpoints ").append(v.checkPoints()).append('\n');
            v.status().ifPresent(s -> out.append("volume.").append(v.name()).append(".inodes ")
                    .append(Long.toUnsignedString(s.numInodes())).append('\n'));
        }
        return out.toString();
    }
}
