package io.proxyfs.imgr.rpc;

/** Pushes an upcall to a retryrpc client, best effort; returns whether it was queued. Thread-safe. */
@FunctionalInterface
public interface Upcalls {
    boolean send(long clientId, byte[] payload);
}
