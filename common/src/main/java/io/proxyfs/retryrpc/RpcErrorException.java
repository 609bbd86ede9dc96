package io.proxyfs.retryrpc;

/**
 * An error string carried in the {@code errstr} field of a reply.
 *
 * <p>On the server, a method handler throws it to fail a request: {@link #errstr()} is sent to
 * the client verbatim (the imgr layer uses fixed prefixes such as {@code "EMissingLease: ..."}).
 * On the client, {@link RetryRpcClient#call} throws it when the reply carries a non-empty
 * {@code errstr}; {@link #errstr()} is then exactly the string the server sent.
 *
 * <p>Immutable after construction.
 */
public final class RpcErrorException extends RetryRpcException {
    private static final long serialVersionUID = 1L;

    private final String errstr;

    /**
     * For a server-side handler: fail the request with this error string.
     *
     * @param errstr the string sent in {@code errstr}; must not be empty
     */
    public RpcErrorException(String errstr) {
        this(null, errstr);
    }

    /**
     * @param method the method the error belongs to, or {@code null}
     * @param errstr the string sent in {@code errstr}; must not be empty
     */
    public RpcErrorException(String method, String errstr) {
        super(method, method == null ? errstr : method + ": " + errstr, null);
        if (errstr == null || errstr.isEmpty()) {
            throw new IllegalArgumentException("an RPC error string must not be empty");
        }
        this.errstr = errstr;
    }

    /** The error string, verbatim as it travels in {@code errstr}. */
    public String errstr() {
        return errstr;
    }

    /** Whether the error string starts with {@code prefix}, e.g. {@code "EUnknownMountID:"}. */
    public boolean hasPrefix(String prefix) {
        return errstr.startsWith(prefix);
    }
}
