package io.proxyfs.imgr;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.LogSettings;
import io.proxyfs.daemon.LogSettingsReader;
import io.proxyfs.imgr.lease.LeaseSettings;
import io.proxyfs.retryrpc.RetryRpcServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * imgr's {@code [IMGR]} section, read once and checked as a whole before anything starts: every
 * key of the original's imgr.conf, with the original's units. A missing required key, a malformed
 * value or values that contradict each other are refused with a {@link io.proxyfs.conf.ConfException}
 * naming {@code [IMGR]Key}. Keys the original added late ({@code MountLimit}, {@code OpenFileLimit},
 * {@code ParallelObjectDeletePerVolumeLimit}, {@code RetryRPCLogEnabled}) default when absent so that
 * older config files still load. Immutable.
 *
 * @param publicIPAddr where retryrpc listens
 * @param privateIPAddr where the HTTP server listens
 * @param retryRpc the retryrpc server's keys
 * @param httpServerPort the HTTP server's port
 * @param checkPoint checkpoint interval and the optional ickpt cluster
 * @param authTokenCheckInterval how often a mount's AuthToken is rechecked
 * @param fetchNonceRangeToReturn nonces reserved per FetchNonceRange
 * @param mountLimit most mounts at once
 * @param openFileLimit most open-inode entries
 * @param leases the lease manager's keys
 * @param swift the Swift client's keys
 * @param parallelObjectDeletePerVolumeLimit most concurrent object DELETEs per volume
 * @param inodeTableCacheEvictLowLimit inode-table node cache: evict down to this
 * @param inodeTableCacheEvictHighLimit inode-table node cache: evict above this
 * @param inodeTableMaxInodesPerBPlusTreePage inode-table node size when formatting
 * @param rootDirMaxDirEntriesPerBPlusTreePage root directory node size when formatting
 * @param servedVolumesFilePath where the set of served volumes is kept across restarts
 *        ({@code ServedVolumesFilePath}, this port's own key; default
 *        {@code <java.io.tmpdir>/proxyfs-imgr-<RetryRPCPort>-volumes.json})
 * @param logging LogFilePath, LogToConsole, TraceEnabled
 */
public record ImgrConfig(
        String publicIPAddr,
        String privateIPAddr,
        RetryRpc retryRpc,
        int httpServerPort,
        CheckPoint checkPoint,
        Duration authTokenCheckInterval,
        long fetchNonceRangeToReturn,
        long mountLimit,
        long openFileLimit,
        LeaseSettings leases,
        Swift swift,
        int parallelObjectDeletePerVolumeLimit,
        long inodeTableCacheEvictLowLimit,
        long inodeTableCacheEvictHighLimit,
        int inodeTableMaxInodesPerBPlusTreePage,
        int rootDirMaxDirEntriesPerBPlusTreePage,
        Path servedVolumesFilePath,
        LogSettings logging) {

    static final String SECTION = "IMGR";

    /**
     * The retryrpc server's keys.
     *
     * @param port RetryRPCPort
     * @param ttlCompleted RetryRPCTTLCompleted
     * @param ackTrim RetryRPCAckTrim
     * @param deadlineIO RetryRPCDeadlineIO
     * @param keepAlivePeriod RetryRPCKeepAlivePeriod
     * @param certFile RetryRPCCertFilePath, if TLS
     * @param keyFile RetryRPCKeyFilePath, if TLS
     * @param logEnabled RetryRPCLogEnabled
     */
    public record RetryRpc(int port, Duration ttlCompleted, Duration ackTrim, Duration deadlineIO,
            Duration keepAlivePeriod, Optional<Path> certFile, Optional<Path> keyFile, boolean logEnabled) {
    }

    /**
     * Checkpointing and the optional ickpt cluster (the cluster keys are required only when
     * {@code CheckPointIPAddrs} lists instances).
     *
     * @param interval CheckPointInterval
     * @param ipAddrs CheckPointIPAddrs (empty: the checkpoint lives in object 0 only)
     * @param port CheckPointPort
     * @param caCertFile CheckPointCACertFilePath (empty: plain HTTP)
     * @param retryDelay CheckPointRetryDelay
     * @param retryExpBackoff CheckPointRetryExpBackoff
     * @param retryLimit CheckPointRetryLimit
     * @param timeout CheckPointTimeout
     * @param connectionPoolSize CheckPointConnectionPoolSize
     */
    public record CheckPoint(Duration interval, List<String> ipAddrs, int port, Optional<Path> caCertFile,
            Duration retryDelay, double retryExpBackoff, long retryLimit, Duration timeout, long connectionPoolSize) {
        public CheckPoint {
            ipAddrs = List.copyOf(ipAddrs);
        }
    }

    /**
     * The Swift client's keys.
     *
     * @param retryDelay SwiftRetryDelay
     * @param retryExpBackoff SwiftRetryExpBackoff
     * @param retryLimit SwiftRetryLimit
     * @param timeout SwiftTimeout
     * @param connectionPoolSize SwiftConnectionPoolSize
     */
    public record Swift(Duration retryDelay, double retryExpBackoff, long retryLimit, Duration timeout,
            long connectionPoolSize) {
    }

    /** Reads and checks the {@code [IMGR]} section. */
    public static ImgrConfig from(ConfMap conf) {
        String s = SECTION;
        RetryRpc retryRpc = new RetryRpc(port(conf, "RetryRPCPort"),
                positive(conf, "RetryRPCTTLCompleted"), positive(conf, "RetryRPCAckTrim"),
                positive(conf, "RetryRPCDeadlineIO"), positive(conf, "RetryRPCKeepAlivePeriod"),
                optionalPath(conf, "RetryRPCCertFilePath"), optionalPath(conf, "RetryRPCKeyFilePath"),
                conf.getBool(s, "RetryRPCLogEnabled", false));
        if (retryRpc.certFile().isPresent() != retryRpc.keyFile().isPresent()) {
            throw conf.invalid(s, retryRpc.certFile().isPresent() ? "RetryRPCKeyFilePath" : "RetryRPCCertFilePath",
                    "RetryRPCCertFilePath and RetryRPCKeyFilePath must both be set (TLS) or both be empty (TCP)");
        }
        ImgrConfig config = new ImgrConfig(
                conf.getString(s, "PublicIPAddr"),
                conf.getString(s, "PrivateIPAddr"),
                retryRpc,
                port(conf, "HTTPServerPort"),
                checkPoint(conf),
                positive(conf, "AuthTokenCheckInterval"),
                atLeast(conf, "FetchNonceRangeToReturn", conf.getUint64(s, "FetchNonceRangeToReturn"), 1),
                atLeast(conf, "MountLimit", conf.getUint64(s, "MountLimit", 10000), 1),
                atLeast(conf, "OpenFileLimit", conf.getUint64(s, "OpenFileLimit", 100000), 1),
                leases(conf),
                swift(conf),
                (int) atLeast(conf, "ParallelObjectDeletePerVolumeLimit",
                        conf.getUint32(s, "ParallelObjectDeletePerVolumeLimit", 100), 1),
                conf.getUint64(s, "InodeTableCacheEvictLowLimit"),
                conf.getUint64(s, "InodeTableCacheEvictHighLimit"),
                pageSize(conf, "InodeTableMaxInodesPerBPlusTreePage"),
                pageSize(conf, "RootDirMaxDirEntriesPerBPlusTreePage"),
                optionalPath(conf, "ServedVolumesFilePath").orElse(Path.of(System.getProperty("java.io.tmpdir"),
                        "proxyfs-imgr-" + retryRpc.port() + "-volumes.json")),
                LogSettingsReader.read(conf, s));
        if (Long.compareUnsigned(config.inodeTableCacheEvictLowLimit, config.inodeTableCacheEvictHighLimit) > 0) {
            throw conf.invalid(s, "InodeTableCacheEvictLowLimit", "must not exceed InodeTableCacheEvictHighLimit ("
                    + Long.toUnsignedString(config.inodeTableCacheEvictHighLimit) + ")");
        }
        return config;
    }

    /** The retryrpc server's settings for these keys. */
    public RetryRpcServerSettings retryRpcServerSettings() {
        RetryRpcServerSettings settings = RetryRpcServerSettings.defaults(publicIPAddr, retryRpc.port())
                .withTrimming(retryRpc.ttlCompleted(), retryRpc.ackTrim())
                .withDeadlineIO(retryRpc.deadlineIO());
        settings = new RetryRpcServerSettings(settings.ip(), settings.port(), settings.ttlCompleted(),
                settings.ackTrim(), settings.deadlineIO(), retryRpc.keepAlivePeriod(), settings.certFile(),
                settings.keyFile(), settings.workerCount(), settings.maxFrameBytes());
        if (retryRpc.certFile().isPresent()) {
            settings = settings.withTls(retryRpc.certFile().get(), retryRpc.keyFile().orElseThrow());
        }
        return settings;
    }

    private static CheckPoint checkPoint(ConfMap conf) {
        String s = SECTION;
        Duration interval = positive(conf, "CheckPointInterval");
        List<String> ipAddrs = conf.isMissing(s, "CheckPointIPAddrs") ? List.of()
                : conf.getStringList(s, "CheckPointIPAddrs").stream().filter(a -> !a.isEmpty()).toList();
        Optional<Path> caCert = optionalPath(conf, "CheckPointCACertFilePath");
        if (ipAddrs.isEmpty()) {
            return new CheckPoint(interval, List.of(), 0, caCert, Duration.ZERO, 0, 0, Duration.ZERO, 0);
        }
        if (ipAddrs.size() % 2 == 0) {
            throw conf.invalid(s, "CheckPointIPAddrs", "lists " + ipAddrs.size()
                    + " ickpt instances; a majority quorum needs an odd number (1, 3, 5, ...)");
        }
        double backoff = conf.getFloat64(s, "CheckPointRetryExpBackoff");
        if (!(backoff >= 1.0)) {
            throw conf.invalid(s, "CheckPointRetryExpBackoff", "must be at least 1 (got " + backoff + ")");
        }
        return new CheckPoint(interval, ipAddrs, port(conf, "CheckPointPort"), caCert,
                positive(conf, "CheckPointRetryDelay"), backoff, conf.getUint32(s, "CheckPointRetryLimit"),
                positive(conf, "CheckPointTimeout"),
                atLeast(conf, "CheckPointConnectionPoolSize", conf.getUint32(s, "CheckPointConnectionPoolSize"), 1));
    }

    private static LeaseSettings leases(ConfMap conf) {
        String s = SECTION;
        long low = conf.getUint64(s, "LeaseEvictLowLimit");
        long high = conf.getUint64(s, "LeaseEvictHighLimit");
        try {
            return new LeaseSettings(positive(conf, "MinLeaseDuration"), positive(conf, "LeaseInterruptInterval"),
                    (int) atLeast(conf, "LeaseInterruptLimit", conf.getUint32(s, "LeaseInterruptLimit"), 1), low, high);
        } catch (IllegalArgumentException e) {
            throw conf.invalid(s, "LeaseEvictLowLimit", e.getMessage());
        }
    }

    private static Swift swift(ConfMap conf) {
        String s = SECTION;
        double backoff = conf.getFloat64(s, "SwiftRetryExpBackoff");
        if (!(backoff >= 1.0)) {
            throw conf.invalid(s, "SwiftRetryExpBackoff", "must be at least 1 (got " + backoff + ")");
        }
        return new Swift(positive(conf, "SwiftRetryDelay"), backoff, conf.getUint32(s, "SwiftRetryLimit"),
                positive(conf, "SwiftTimeout"),
                atLeast(conf, "SwiftConnectionPoolSize", conf.getUint32(s, "SwiftConnectionPoolSize"), 1));
    }

    private static int port(ConfMap conf, String key) {
        int port = conf.getUint16(SECTION, key);
        if (port == 0) {
            throw conf.invalid(SECTION, key, "0 is not a port to listen on or connect to");
        }
        return port;
    }

    private static Duration positive(ConfMap conf, String key) {
        Duration d = conf.getDuration(SECTION, key);
        if (d.isZero()) {
            throw conf.invalid(SECTION, key, "must be longer than 0");
        }
        return d;
    }

    private static long atLeast(ConfMap conf, String key, long value, long min) {
        if (Long.compareUnsigned(value, min) < 0) {
            throw conf.invalid(SECTION, key, "must be at least " + min + " (got " + Long.toUnsignedString(value) + ")");
        }
        return value;
    }

    private static int pageSize(ConfMap conf, String key) {
        long n = conf.getUint64(SECTION, key);
        if (n < 4 || n > (1 << 24) || n % 2 != 0) {
            throw conf.invalid(SECTION, key, "a B+tree page size must be even, from 4 to 16777216 (got "
                    + Long.toUnsignedString(n) + ")");
        }
        return (int) n;
    }

    private static Optional<Path> optionalPath(ConfMap conf, String key) {
        if (conf.isMissing(SECTION, key)) {
            return Optional.empty();
        }
        List<String> values = conf.getStringList(SECTION, key);
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(Path.of(values.get(0)));
    }
}
