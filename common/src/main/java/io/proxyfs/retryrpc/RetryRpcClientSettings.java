package io.proxyfs.retryrpc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RetryRpcClient}, named after the iclient configuration keys.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ip server address ({@code RetryRPCPublicIPAddr})
 * @param port server port ({@code RetryRPCPort})
 * @param deadlineIO the longest a connect, TLS handshake, frame write or started frame read may
 *        take, and the longest the client waits for any frame while requests are outstanding
 *        before it reconnects ({@code RetryRPCDeadlineIO}, default 60s)
 * @param keepAlivePeriod TCP keepalive idle time and interval ({@code RetryRPCKeepAlivePeriod},
 *        default 60s)
 * @param caCertFile PEM CA certificate(s) to trust ({@code RetryRPCCACertFilePath}), or
 *        {@code null} for plain TCP
 * @param callDeadline how long a call may wait for its reply, reconnects included (default 2m)
 * @param backoffCap the longest pause between reconnect attempts (default 5s; the first pause
 *        is 100ms and doubles)
 * @param maxFrameBytes the largest frame body accepted from the server
 */
public record RetryRpcClientSettings(
        String ip,
        int port,
        Duration deadlineIO,
        Duration keepAlivePeriod,
        Path caCertFile,
        Duration callDeadline,
        Duration backoffCap,
        int maxFrameBytes) {

    /** Default deadline of one call. */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofMinutes(2);
    /** Default cap on the pause between reconnect attempts. */
    public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofSeconds(5);
    /** First pause between reconnect attempts, as in the original. */
    public static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

    /** @throws IllegalArgumentException when a value is out of range */
    public RetryRpcClientSettings {
        Objects.requireNonNull(ip, "ip");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("RetryRPCPort " + port + " out of range");
        }
        RetryRpcServerSettings.positive(deadlineIO, "RetryRPCDeadlineIO");
        RetryRpcServerSettings.positive(keepAlivePeriod, "RetryRPCKeepAlivePeriod");
        RetryRpcServerSettings.positive(callDeadline, "call deadline");
        RetryRpcServerSettings.positive(backoffCap, "backoff cap");
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("max frame size must be at least 1024 bytes, not " + maxFrameBytes);
        }
    }

    /** Plain TCP to {@code ip:port} with every other value at its default. */
    public static RetryRpcClientSettings defaults(String ip, int port) {
        return new RetryRpcClientSettings(ip, port, RetryRpcServerSettings.DEFAULT_DEADLINE_IO,
                RetryRpcServerSettings.DEFAULT_KEEPALIVE_PERIOD, null, DEFAULT_CALL_DEADLINE, DEFAULT_BACKOFF_CAP,
                RetryRpcServerSettings.DEFAULT_MAX_FRAME_BYTES);
    }

    /** Whether the client speaks TLS. */
    public boolean tls() {
        return caCertFile != null;
    }

    /** A copy trusting this CA file (so using TLS). */
    public RetryRpcClientSettings withCaCertFile(Path ca) {
        return new RetryRpcClientSettings(ip, port, deadlineIO, keepAlivePeriod, ca, callDeadline, backoffCap, maxFrameBytes);
    }

    /** A copy with another {@code deadlineIO}. */
    public RetryRpcClientSettings withDeadlineIO(Duration d) {
        return new RetryRpcClientSettings(ip, port, d, keepAlivePeriod, caCertFile, callDeadline, backoffCap, maxFrameBytes);
    }

    /** A copy with another default call deadline. */
    public RetryRpcClientSettings withCallDeadline(Duration d) {
        return new RetryRpcClientSettings(ip, port, deadlineIO, keepAlivePeriod, caCertFile, d, backoffCap, maxFrameBytes);
    }

    /** A copy with another backoff cap. */
    public RetryRpcClientSettings withBackoffCap(Duration d) {
        return new RetryRpcClientSettings(ip, port, deadlineIO, keepAlivePeriod, caCertFile, callDeadline, d, maxFrameBytes);
    }
}
