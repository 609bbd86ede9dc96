package io.proxyfs.retryrpc;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies the socket options both sides use: TCP_NODELAY, and TCP keepalive with the idle time
 * and probe interval both set to {@code RetryRPCKeepAlivePeriod} (what Go's
 * {@code net.Dialer.KeepAlive} / {@code net.ListenConfig.KeepAlive} do) where the platform
 * supports the extended options.
 *
 * <p>Stateless and thread-safe.
 */
final class SocketTuning {
    private SocketTuning() {
    }

    static void apply(Socket socket, Duration keepAlivePeriod) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, keepAlivePeriod.toSeconds()));
        setIfSupported(socket, ExtendedSocketOptions.TCP_KEEPIDLE, seconds);
        setIfSupported(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, seconds);
    }

    private static void setIfSupported(Socket socket, SocketOption<Integer> option, int value) {
        try {
            if (socket.supportedOptions().contains(option)) {
                socket.setOption(option, value);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Keepalive timing is an optimisation; the platform default still detects dead peers.
        }
    }
}
