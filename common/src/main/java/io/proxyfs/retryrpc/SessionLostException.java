package io.proxyfs.retryrpc;

/**
 * The server no longer knows this client's session (it restarted, or dropped the idle session
 * after {@code RetryRPCTTLCompleted}), so a request sent in the old session can neither be
 * answered from the server's reply cache nor safely re-executed: whether the old server ran it
 * is unknown. The client has already started a new session; the owner re-establishes its state
 * (iclient mounts again) and decides whether to repeat the request.
 *
 * <p>Immutable after construction.
 */
public final class SessionLostException extends RetryRpcException {
    private static final long serialVersionUID = 1L;

    private final long oldClientId;
    private final long newClientId;

    SessionLostException(String method, long requestId, long oldClientId, long newClientId) {
        super(method, "retryrpc session " + Long.toUnsignedString(oldClientId) + " lost (server now knows this client as "
                + Long.toUnsignedString(newClientId) + "); request " + Long.toUnsignedString(requestId) + " of "
                + method + " may or may not have run on the old server", null);
        this.oldClientId = oldClientId;
        this.newClientId = newClientId;
    }

    /** The unique id of the lost session. */
    public long oldClientId() {
        return oldClientId;
    }

    /** The unique id of the session the client now has. */
    public long newClientId() {
        return newClientId;
    }
}
