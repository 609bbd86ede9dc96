package io.proxyfs.retryrpc;

import java.time.Duration;

/**
 * A call got no reply within its deadline (whether the connection was down the whole time or
 * the server was slow). The request may or may not have run on the server; the client will not
 * send it again.
 *
 * <p>Immutable after construction.
 */
public final class CallTimeoutException extends RetryRpcException {
    private static final long serialVersionUID = 1L;

    private final Duration deadline;

    CallTimeoutException(String method, long requestId, Duration deadline, boolean connected) {
        super(method, "no reply to " + method + " (request " + Long.toUnsignedString(requestId) + ") within " + deadline
                + (connected ? "" : "; the server could not be reached"), null);
        this.deadline = deadline;
    }

    /** The deadline that expired. */
    public Duration deadline() {
        return deadline;
    }
}
