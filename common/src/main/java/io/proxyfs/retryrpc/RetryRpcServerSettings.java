package io.proxyfs.retryrpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RetryRpcServer}, named after the imgr configuration keys.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ip address to listen on ({@code RetryRPCPublicIPAddr})
 * @param port port to listen on, 0 for an ephemeral one ({@code RetryRPCPort})
 * @param ttlCompleted how long a completed reply is kept when the client never acknowledges it
 *        ({@code RetryRPCTTLCompleted}, default 10m)
 * @param ackTrim how often the reply caches are trimmed ({@code RetryRPCAckTrim}, default 100ms)
 * @param deadlineIO the longest a frame read (once started) or write may take
 *        ({@code RetryRPCDeadlineIO}, default 60s)
 * @param keepAlivePeriod TCP keepalive idle time and interval ({@code RetryRPCKeepAlivePeriod},
 *        default 60s)
 * @param certFile PEM certificate chain ({@code RetryRPCCertFilePath}), or {@code null} for plain
 *        TCP; must be given together with {@code keyFile}
 * @param keyFile PEM private key ({@code RetryRPCKeyFilePath}), or {@code null}
 * @param workerCount threads executing requests (at least 1)
 * @param maxFrameBytes the largest frame body accepted; a longer one closes the connection
 */
public record RetryRpcServerSettings(
        String ip,
        int port,
        Duration ttlCompleted,
        Duration ackTrim,
        Duration deadlineIO,
        Duration keepAlivePeriod,
        Path certFile,
        Path keyFile,
        int workerCount,
        int maxFrameBytes) {

    /** The original's {@code RetryRPCTTLCompleted} default. */
    public static final Duration DEFAULT_TTL_COMPLETED = Duration.ofMinutes(10);
    /** The original's {@code RetryRPCAckTrim} default. */
    public static final Duration DEFAULT_ACK_TRIM = Duration.ofMillis(100);
    /** The original's {@code RetryRPCDeadlineIO} default. */
    public static final Duration DEFAULT_DEADLINE_IO = Duration.ofSeconds(60);
    /** The original's {@code RetryRPCKeepAlivePeriod} default. */
    public static final Duration DEFAULT_KEEPALIVE_PERIOD = Duration.ofSeconds(60);
    /** Default number of request-executing threads. */
    public static final int DEFAULT_WORKER_COUNT = 32;
    /** Default frame body limit: 64 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 << 20;

    /**
     * @throws IllegalArgumentException when a value is out of range, or exactly one of
     *         {@code certFile} and {@code keyFile} is given
     */
    public RetryRpcServerSettings {
        Objects.requireNonNull(ip, "ip");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("RetryRPCPort " + port + " out of range");
        }
        positive(ttlCompleted, "RetryRPCTTLCompleted");
        positive(ackTrim, "RetryRPCAckTrim");
        positive(deadlineIO, "RetryRPCDeadlineIO");
        positive(keepAlivePeriod, "RetryRPCKeepAlivePeriod");
        if (certFile != null && keyFile == null) {
            throw new IllegalArgumentException("RetryRPCCertFilePath is set (" + certFile
                    + ") but RetryRPCKeyFilePath is not: TLS needs both, plain TCP neither");
        }
        if (keyFile != null && certFile == null) {
            throw new IllegalArgumentException("RetryRPCKeyFilePath is set (" + keyFile
                    + ") but RetryRPCCertFilePath is not: TLS needs both, plain TCP neither");
        }
        if (workerCount < 1) {
            throw new IllegalArgumentException("worker count must be at least 1, not " + workerCount);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame size must be at least 1024 bytes, not " + maxFrameBytes);
        }
    }

    /** Plain TCP on {@code ip:port} with every other value at its default. */
    public static RetryRpcServerSettings defaults(String ip, int port) {
        return new RetryRpcServerSettings(ip, port, DEFAULT_TTL_COMPLETED, DEFAULT_ACK_TRIM, DEFAULT_DEADLINE_IO,
                DEFAULT_KEEPALIVE_PERIOD, null, null, DEFAULT_WORKER_COUNT, DEFAULT_MAX_FRAME_BYTES);
    }

    /** Whether the server speaks TLS. */
    public boolean tls() {
        return certFile != null;
    }

    /** A copy using TLS with these PEM files. */
    public RetryRpcServerSettings withTls(Path cert, Path key) {
        return new RetryRpcServerSettings(ip, port, ttlCompleted, ackTrim, deadlineIO, keepAlivePeriod, cert, key,
                workerCount, maxFrameBytes);
    }

    /** A copy with other reply-cache timings. */
    public RetryRpcServerSettings withTrimming(Duration ttl, Duration trimEvery) {
        return new RetryRpcServerSettings(ip, port, ttl, trimEvery, deadlineIO, keepAlivePeriod, certFile, keyFile,
                workerCount, maxFrameBytes);
    }

    /** A copy with another {@code deadlineIO}. */
    public RetryRpcServerSettings withDeadlineIO(Duration d) {
        return new RetryRpcServerSettings(ip, port, ttlCompleted, ackTrim, d, keepAlivePeriod, certFile, keyFile,
                workerCount, maxFrameBytes);
    }

    /** A copy with another worker count. */
    public RetryRpcServerSettings withWorkerCount(int n) {
        return new RetryRpcServerSettings(ip, port, ttlCompleted, ackTrim, deadlineIO, keepAlivePeriod, certFile, keyFile,
                n, maxFrameBytes);
    }

    /** A copy with another frame body limit. */
    public RetryRpcServerSettings withMaxFrameBytes(int n) {
        return new RetryRpcServerSettings(ip, port, ttlCompleted, ackTrim, deadlineIO, keepAlivePeriod, certFile, keyFile,
                workerCount, n);
    }

    /** A copy listening on another port. */
    public RetryRpcServerSettings withPort(int p) {
        return new RetryRpcServerSettings(ip, p, ttlCompleted, ackTrim, deadlineIO, keepAlivePeriod, certFile, keyFile,
                workerCount, maxFrameBytes);
    }

    static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
