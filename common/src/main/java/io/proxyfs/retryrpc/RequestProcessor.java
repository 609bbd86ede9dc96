package io.proxyfs.retryrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one RPC frame on a worker thread with at-most-once semantics: decodes the envelope,
 * records the client's acknowledgement, then either answers from the {@link ReplyCache}, joins
 * the execution already under way, ignores a stale retransmission, or executes the method and
 * caches its reply.
 *
 * <p>Thread-safe: called concurrently by all workers; keeps no per-request state.
 */
final class RequestProcessor {
    /** The errstr of a request for a method the server does not have, as in the original (ENOENT). */
    static final String UNKNOWN_METHOD_ERRSTR = "errno: 2";
    /** Prefix of the errstr sent for a request naming a client id other than the connection's. */
    static final String SESSION_LOST_PREFIX = "ESessionLost:";

    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    private static final int MAX_LOGGED_UNKNOWN_METHODS = 64;

    private final MethodRegistry registry;
    private final ObjectMapper mapper;
    private final StatCounters stats;
    private final Set<String> loggedUnknownMethods = ConcurrentHashMap.newKeySet();

    RequestProcessor(MethodRegistry registry, StatCounters stats) {
        this.registry = registry;
        this.mapper = registry.mapper();
        this.stats = stats;
    }

    void process(ServerConnection conn, ClientSession session, byte[] body) {
        RpcJson.Request req;
        try {
            req = RpcJson.decodeRequest(mapper, body);
        } catch (BadFrameException e) {
            conn.close();
            stats.increment(RetryRpcServer.STAT_BAD_FRAMES);
            LOG.warn("retryrpc connection {} (client {}): closing on a bad request: {}", conn,
                    Long.toUnsignedString(session.id), e.getMessage());
            return;
        }
        if (req.clientId() != session.id) {
            stats.increment(RetryRpcServer.STAT_FOREIGN_REQUESTS);
            conn.send(MessageType.RPC, errorReply(req, SESSION_LOST_PREFIX + " request names client "
                    + Long.toUnsignedString(req.clientId()) + " but this connection is client "
                    + Long.toUnsignedString(session.id) + " (the server restarted or forgot the session); not executed"));
            return;
        }
        long now = System.nanoTime();
        session.cache.acknowledge(req.highestReplySeen(), now);
        ReplyCache.Lookup lookup = session.cache.lookupOrReserve(req.requestId(), now);
        if (lookup instanceof ReplyCache.Cached c) {
            stats.increment(RetryRpcServer.STAT_RETRANSMITS_FROM_CACHE);
            conn.send(MessageType.RPC, c.reply());
        } else if (lookup instanceof ReplyCache.InProgress p) {
            stats.increment(RetryRpcServer.STAT_RETRANSMITS_JOINED);
            p.reply().thenAccept(r -> conn.send(MessageType.RPC, r));
        } else if (lookup instanceof ReplyCache.Execute x) {
            stats.increment(RetryRpcServer.STAT_CALLS);
            execute(conn, session, req, x.entry());
        } else {
            stats.increment(RetryRpcServer.STAT_STALE_DROPPED);
            LOG.debug("retryrpc client {}: ignoring request {} at or below its acknowledged id",
                    Long.toUnsignedString(session.id), Long.toUnsignedString(req.requestId()));
        }
    }

    private void execute(ServerConnection conn, ClientSession session, RpcJson.Request req, ReplyCache.Entry entry) {
        String method = req.method();
        if (!registry.has(method)) {
            stats.increment(RetryRpcServer.STAT_UNKNOWN_METHODS);
            if (loggedUnknownMethods.size() < MAX_LOGGED_UNKNOWN_METHODS && loggedUnknownMethods.add(method)) {
                LOG.warn("retryrpc client {} called unknown method {}", Long.toUnsignedString(session.id),
                        RpcJson.abbreviate(method));
            }
            finish(conn, session, entry, errorReply(req, UNKNOWN_METHOD_ERRSTR));
            return;
        }
        CompletionStage<Object> stage;
        try {
            stage = registry.invoke(method, session.id, req.params());
        } catch (IllegalArgumentException e) {
            stats.increment(RetryRpcServer.STAT_BAD_PARAMS);
            finish(conn, session, entry, errorReply(req, "EBadParams: " + method + ": " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.error("retryrpc method {} threw", method, e);
            finish(conn, session, entry, errorReply(req, "EInternal: " + method + ": " + e));
            return;
        }
        stage.whenComplete((result, failure) -> {
            byte[] reply;
            if (failure == null) {
                reply = successReply(req, result);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof RpcErrorException r) {
                    reply = errorReply(req, r.errstr());
                } else {
                    LOG.error("retryrpc method {} failed", method, cause);
                    reply = errorReply(req, "EInternal: " + method + ": " + cause);
                }
            }
            finish(conn, session, entry, reply);
        });
    }

    private void finish(ServerConnection conn, ClientSession session, ReplyCache.Entry entry, byte[] reply) {
        session.cache.complete(entry, reply, System.nanoTime());
        conn.send(MessageType.RPC, reply);
    }

    private byte[] successReply(RpcJson.Request req, Object result) {
        try {
            return RpcJson.encodeReply(mapper, req.clientId(), req.requestId(), "", result);
        } catch (IOException e) {
            LOG.error("retryrpc method {}: cannot encode its reply", req.method(), e);
            return errorReply(req, "EInternal: " + req.method() + ": cannot encode reply: " + e.getMessage());
        }
    }

    private byte[] errorReply(RpcJson.Request req, String errstr) {
        try {
            return RpcJson.encodeReply(mapper, req.clientId(), req.requestId(), errstr, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an error reply", e);
        }
    }
}
