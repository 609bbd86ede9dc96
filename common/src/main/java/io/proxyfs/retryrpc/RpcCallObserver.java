package io.proxyfs.retryrpc;

/**
 * Told about every RPC a server's {@link MethodRegistry} ran, for metrics. Called from the thread
 * that completed the call; implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface RpcCallObserver {
    /**
     * @param method the method name
     * @param nanos  time from decoding the request to the reply (or error) being ready
     * @param ok     false when the call answered an error string or failed
     */
    void completed(String method, long nanos, boolean ok);

    /** An observer that does nothing. */
    RpcCallObserver NONE = (m, n, ok) -> { };
}
