package io.proxyfs.iclient;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.LogSettings;
import io.proxyfs.daemon.LogSettingsReader;
import io.proxyfs.iauth.AuthPlugInSettings;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.swift.ClientSwiftKeys;
import io.proxyfs.swift.SwiftClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * iclient's {@code [ICLIENT]} section, read once and checked before anything starts: every key of
 * the original's iclient.conf with the original's units (its {@code iclientpkg/api.go} lists
 * them). A missing or malformed key is refused with a {@link io.proxyfs.conf.ConfException} naming
 * {@code [ICLIENT]Key}. {@code FUSEMaxRead}/{@code FUSEMaxWrite} above what libfuse 2 accepts are
 * capped with a warning. Immutable.
 *
 * @param volumeName VolumeName
 * @param mountPointDirPath MountPointDirPath
 * @param fuse the FUSE keys
 * @param auth AuthPlugInPath, AuthPlugInEnvName, AuthPlugInEnvValue
 * @param swift the Swift client's keys
 * @param retryRpcPublicIPAddr RetryRPCPublicIPAddr (imgr)
 * @param retryRpcPort RetryRPCPort
 * @param retryRpcDeadlineIO RetryRPCDeadlineIO
 * @param retryRpcKeepAlivePeriod RetryRPCKeepAlivePeriod
 * @param retryRpcCaCertFile RetryRPCCACertFilePath (empty: plain TCP)
 * @param maxSharedLeases MaxSharedLeases
 * @param maxExclusiveLeases MaxExclusiveLeases
 * @param inodePayloadEvictLowLimit InodePayloadEvictLowLimit (B+tree node cache)
 * @param inodePayloadEvictHighLimit InodePayloadEvictHighLimit
 * @param dirInodeMaxKeysPerBPlusTreePage DirInodeMaxKeysPerBPlusTreePage
 * @param fileInodeMaxKeysPerBPlusTreePage FileInodeMaxKeysPerBPlusTreePage
 * @param readCacheLineSize ReadCacheLineSize
 * @param readCacheLineCountMax ReadCacheLineCountMax
 * @param fileFlushTriggerSize FileFlushTriggerSize
 * @param fileFlushTriggerDuration FileFlushTriggerDuration
 * @param closeCheckPointDelay CloseCheckPointDelay (a port addition, default 100ms): how long after
 *        a close iclient asks imgr for the checkpoint the close did not wait for (the closes
 *        meanwhile share it)
 * @param inodeLockRetryDelay InodeLockRetryDelay
 * @param inodeLockRetryDelayVariance InodeLockRetryDelayVariance (percent)
 * @param fuseLogEnabled FUSELogEnabled
 * @param retryRpcLogEnabled RetryRPCLogEnabled
 * @param httpServerIPAddr HTTPServerIPAddr (default 127.0.0.1: the admin routes stay private unless asked)
 * @param httpServerPort HTTPServerPort (0 or missing: no HTTP server)
 * @param logging LogFilePath, LogToConsole, TraceEnabled
 */
public record IclientConfig(
        String volumeName,
        Path mountPointDirPath,
        Fuse fuse,
        AuthPlugInSettings auth,
        SwiftClientSettings swift,
        String retryRpcPublicIPAddr,
        int retryRpcPort,
        Duration retryRpcDeadlineIO,
        Duration retryRpcKeepAlivePeriod,
        Optional<Path> retryRpcCaCertFile,
        long maxSharedLeases,
        long maxExclusiveLeases,
        long inodePayloadEvictLowLimit,
        long inodePayloadEvictHighLimit,
        int dirInodeMaxKeysPerBPlusTreePage,
        int fileInodeMaxKeysPerBPlusTreePage,
        int readCacheLineSize,
        int readCacheLineCountMax,
        long fileFlushTriggerSize,
        Duration fileFlushTriggerDuration,
        Duration closeCheckPointDelay,
        Duration inodeLockRetryDelay,
        int inodeLockRetryDelayVariance,
        boolean fuseLogEnabled,
        boolean retryRpcLogEnabled,
        String httpServerIPAddr,
        int httpServerPort,
        LogSettings logging) {

    /** The config section. */
    public static final String SECTION = "ICLIENT";
    /** The most libfuse 2 accepts for max_read and max_write (32 pages of 4 KiB). */
    public static final int LIBFUSE2_MAX_IO = 128 * 1024;
    /**
     * CloseCheckPointDelay when absent: long enough that a program closing one small file after
     * another shares a checkpoint among a few closes (each checkpoint is two Swift PUTs and a
     * DELETE in imgr), short beside imgr's own CheckPointInterval. Measured on swift-aio
     * (2 cores): create+write+close of 1,500 files 23 files/s with 0s, 31-32 with 100-250ms.
     */
    public static final Duration DEFAULT_CLOSE_CHECKPOINT_DELAY = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(IclientConfig.class);

    /**
     * The FUSE keys.
     *
     * @param blockSize FUSEBlockSize (statfs f_bsize/f_frsize)
     * @param allowOther FUSEAllowOther
     * @param maxBackground FUSEMaxBackground
     * @param congestionThreshold FUSECongestionThreshhold (sic)
     * @param maxPages FUSEMaxPages
     * @param maxRead FUSEMaxRead, capped at {@link #LIBFUSE2_MAX_IO}
     * @param maxWrite FUSEMaxWrite, capped at {@link #LIBFUSE2_MAX_IO}
     * @param entryValidDuration FUSEEntryValidDuration
     * @param attrValidDuration FUSEAttrValidDuration
     * @param nameLenMax FUSENameLenMax
     */
    public record Fuse(int blockSize, boolean allowOther, long maxBackground, long congestionThreshold,
            long maxPages, int maxRead, int maxWrite, Duration entryValidDuration, Duration attrValidDuration,
            int nameLenMax) {
    }

    /** Reads and checks the {@code [ICLIENT]} section. */
    public static IclientConfig from(ConfMap conf) {
        String s = SECTION;
        Fuse fuse = new Fuse((int) atLeast(conf, "FUSEBlockSize", conf.getUint32(s, "FUSEBlockSize"), 1),
                conf.getBool(s, "FUSEAllowOther"),
                conf.getUint32(s, "FUSEMaxBackground"),
                conf.getUint32(s, "FUSECongestionThreshhold", 0),
                conf.getUint32(s, "FUSEMaxPages", 256),
                cappedIo(conf, "FUSEMaxRead"), cappedIo(conf, "FUSEMaxWrite"),
                conf.getDuration(s, "FUSEEntryValidDuration"), conf.getDuration(s, "FUSEAttrValidDuration"),
                (int) atLeast(conf, "FUSENameLenMax", conf.getUint32(s, "FUSENameLenMax"), 1));
        SwiftClientSettings swift = ClientSwiftKeys.read(conf, s);
        long low = conf.getUint64(s, "InodePayloadEvictLowLimit");
        long high = conf.getUint64(s, "InodePayloadEvictHighLimit");
        if (Long.compareUnsigned(low, high) > 0) {
            throw conf.invalid(s, "InodePayloadEvictLowLimit", "must not exceed InodePayloadEvictHighLimit");
        }
        int httpPort = conf.isMissing(s, "HTTPServerPort") || conf.isEmpty(s, "HTTPServerPort") ? 0
                : conf.getUint16(s, "HTTPServerPort");
        String httpIp = conf.isMissing(s, "HTTPServerIPAddr") || conf.isEmpty(s, "HTTPServerIPAddr") ? "127.0.0.1"
                : conf.getString(s, "HTTPServerIPAddr");
        return new IclientConfig(
                conf.getString(s, "VolumeName"),
                Path.of(conf.getString(s, "MountPointDirPath")),
                fuse,
                AuthPlugInSettings.read(conf, s),
                swift,
                conf.getString(s, "RetryRPCPublicIPAddr"),
                (int) atLeast(conf, "RetryRPCPort", conf.getUint16(s, "RetryRPCPort"), 1),
                positive(conf, "RetryRPCDeadlineIO"),
                positive(conf, "RetryRPCKeepAlivePeriod"),
                optionalPath(conf, "RetryRPCCACertFilePath"),
                conf.getUint64(s, "MaxSharedLeases"),
                conf.getUint64(s, "MaxExclusiveLeases"),
                low, high,
                pageSize(conf, "DirInodeMaxKeysPerBPlusTreePage"),
                pageSize(conf, "FileInodeMaxKeysPerBPlusTreePage"),
                (int) atLeast(conf, "ReadCacheLineSize", conf.getUint32(s, "ReadCacheLineSize"), 512),
                (int) atLeast(conf, "ReadCacheLineCountMax", conf.getUint32(s, "ReadCacheLineCountMax"), 1),
                atLeast(conf, "FileFlushTriggerSize", conf.getUint64(s, "FileFlushTriggerSize"), 1),
                positive(conf, "FileFlushTriggerDuration"),
                conf.getDuration(s, "CloseCheckPointDelay", DEFAULT_CLOSE_CHECKPOINT_DELAY),
                conf.getDuration(s, "InodeLockRetryDelay"),
                conf.getUint8(s, "InodeLockRetryDelayVariance"),
                conf.getBool(s, "FUSELogEnabled", false),
                conf.getBool(s, "RetryRPCLogEnabled", false),
                httpIp, httpPort,
                LogSettingsReader.read(conf, s));
    }

    /** The retryrpc client's settings for these keys. */
    public RetryRpcClientSettings retryRpcClientSettings() {
        RetryRpcClientSettings settings = RetryRpcClientSettings.defaults(retryRpcPublicIPAddr, retryRpcPort)
                .withDeadlineIO(retryRpcDeadlineIO);
        settings = new RetryRpcClientSettings(settings.ip(), settings.port(), settings.deadlineIO(),
                retryRpcKeepAlivePeriod, settings.caCertFile(), settings.callDeadline(), settings.backoffCap(),
                settings.maxFrameBytes());
        return retryRpcCaCertFile.map(settings::withCaCertFile).orElse(settings);
    }

    private static int cappedIo(ConfMap conf, String key) {
        long v = atLeast(conf, key, conf.getUint32(SECTION, key), 4096);
        if (v > LIBFUSE2_MAX_IO) {
            LOG.warn("[ICLIENT]{} {} exceeds what libfuse 2 allows; using {}", key, v, LIBFUSE2_MAX_IO);
            return LIBFUSE2_MAX_IO;
        }
        return (int) v;
    }

    private static int pageSize(ConfMap conf, String key) {
        long v = conf.getUint32(SECTION, key);
        if (v < 4 || (v & 1) != 0 || v > (1 << 24)) {
            throw conf.invalid(SECTION, key, "must be even and at least 4, got " + v);
        }
        return (int) v;
    }

    private static long atLeast(ConfMap conf, String key, long value, long min) {
        if (Long.compareUnsigned(value, min) < 0) {
            throw conf.invalid(SECTION, key, "must be at least " + min + ", got " + Long.toUnsignedString(value));
        }
        return value;
    }

    private static Duration positive(ConfMap conf, String key) {
        Duration d = conf.getDuration(SECTION, key);
        if (d.isZero() || d.isNegative()) {
            throw conf.invalid(SECTION, key, "must be positive, got " + d);
        }
        return d;
    }

    private static Optional<Path> optionalPath(ConfMap conf, String key) {
        if (conf.isMissing(SECTION, key) || conf.isEmpty(SECTION, key)) {
            return Optional.empty();
        }
        return Optional.of(Path.of(conf.getString(SECTION, key)));
    }
}
