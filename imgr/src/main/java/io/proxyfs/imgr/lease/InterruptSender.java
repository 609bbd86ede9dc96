package io.proxyfs.imgr.lease;

import io.proxyfs.imgrapi.RpcInterrupt;

/**
 * Delivers an interrupt (retryrpc upcall) to a client, best effort: a lost interrupt is sent again
 * every LeaseInterruptInterval until the holder answers or the LeaseInterruptLimit is reached.
 *
 * <p>The lease manager never calls this while holding its lock. Implementations must be thread-safe
 * and should not block for long (the calling thread may be a lease timer thread or an RPC thread);
 * exceptions they throw are logged and otherwise ignored.
 */
@FunctionalInterface
public interface InterruptSender {

    /** Sends {@code interrupt} to the retryrpc client {@code retryRpcClientId}. */
    void send(long retryRpcClientId, RpcInterrupt interrupt);
}
