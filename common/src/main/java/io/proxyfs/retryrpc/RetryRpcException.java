package io.proxyfs.retryrpc;

/**
 * Base of every failure a retryrpc call reports to its caller: an error string returned by
 * the server's method ({@link RpcErrorException}), a lost session ({@link SessionLostException}),
 * an expired call deadline ({@link CallTimeoutException}), a closed client
 * ({@link ClientClosedException}) or a reply that could not be decoded.
 *
 * <p>Immutable after construction.
 */
public class RetryRpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String method;

    /**
     * @param method the RPC method the failure belongs to, or {@code null} when none
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public RetryRpcException(String method, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
    }

    /** The RPC method the failure belongs to, or {@code null}. */
    public String method() {
        return method;
    }
}
