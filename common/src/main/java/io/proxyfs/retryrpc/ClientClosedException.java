package io.proxyfs.retryrpc;

/**
 * The client was closed before the call got its reply, or a call was made on a closed client.
 *
 * <p>Immutable after construction.
 */
public final class ClientClosedException extends RetryRpcException {
    private static final long serialVersionUID = 1L;

    ClientClosedException(String method) {
        super(method, "retryrpc client closed" + (method == null ? "" : " before " + method + " got its reply"), null);
    }
}
