package io.proxyfs.retryrpc;

/**
 * The server's state for one client unique id: its reply cache and the connection it currently
 * uses (the original's {@code clientInfo}).
 *
 * <p>Thread-safe: the cache synchronizes itself; the connection reference is volatile.
 */
final class ClientSession {
    final long id;
    final ReplyCache cache;
    private volatile ServerConnection connection;

    ClientSession(long id, long nowNanos) {
        this.id = id;
        this.cache = new ReplyCache(nowNanos);
    }

    /** Makes {@code c} the current connection; returns the previous one, or null. */
    synchronized ServerConnection bind(ServerConnection c) {
        ServerConnection old = connection;
        connection = c;
        return old;
    }

    /** Forgets {@code c} if it is still the current connection. */
    synchronized void unbind(ServerConnection c) {
        if (connection == c) {
            connection = null;
        }
    }

    /** The current connection, or null while the client is disconnected. */
    ServerConnection connection() {
        return connection;
    }
}
