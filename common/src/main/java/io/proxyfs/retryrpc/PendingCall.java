package io.proxyfs.retryrpc;

import java.util.concurrent.CompletableFuture;

/**
 * A request the client has issued and not yet seen answered: what is needed to send it again
 * after a reconnect, and the future its caller waits on.
 *
 * <p>Thread-safety: the future is thread-safe; {@code sentGeneration} and {@code lastSentNanos}
 * are written under the client's lock and read by the supervisor.
 */
final class PendingCall {
    final String method;
    final long requestId;
    final String paramsJson;
    final CompletableFuture<RpcJson.Reply> reply = new CompletableFuture<>();
    /** Generation of the connection this was last written to; -1 before the first write. */
    volatile long sentGeneration = -1;
    volatile long lastSentNanos;

    PendingCall(String method, long requestId, String paramsJson) {
        this.method = method;
        this.requestId = requestId;
        this.paramsJson = paramsJson;
    }
}
