package io.proxyfs.retryrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retryrpc client (iclient's side): one connection to the server carrying any number of
 * concurrent calls, matched to their replies by request id. When the connection fails it
 * reconnects with capped exponential backoff, forever, and sends again every call still
 * unanswered; the server answers those from its reply cache, so a caller only sees a slow call.
 * Each call fails on its own deadline instead.
 *
 * <p>If the server no longer knows the client (it restarted), the client takes the new id the
 * server hands out, fails every unanswered call with {@link SessionLostException} (none of them
 * is executed by the new server) and tells its owner through {@link SessionListener}.
 *
 * <p>Thread-safe: {@link #call} may be made from any number of threads at once; see the package
 * documentation for the threads the client runs.
 */
public final class RetryRpcClient implements AutoCloseable {

    /** Receives the server's upcalls (interrupts) on the client's upcall thread, in order. */
    @FunctionalInterface
    public interface UpcallHandler {
        /** @param payload the upcall body as sent by the server */
        void onUpcall(byte[] payload);
    }

    /** Told, on the upcall thread, that the server forgot this client and a new session began. */
    @FunctionalInterface
    public interface SessionListener {
        /**
         * @param oldClientId the id of the lost session
         * @param newClientId the id the client now has
         */
        void onSessionLost(long oldClientId, long newClientId);
    }

    /** Calls made. */
    public static final String STAT_CALLS = "calls";
    /** Replies received for outstanding calls. */
    public static final String STAT_REPLIES = "replies";
    /** Requests sent again on a new connection. */
    public static final String STAT_RETRANSMITS = "retransmits";
    /** Connections established after the first. */
    public static final String STAT_RECONNECTS = "reconnects";
    /** Failed connection attempts. */
    public static final String STAT_DIAL_FAILURES = "dialFailures";
    /** Connections lost (I/O error, bad frame, deadline). */
    public static final String STAT_DISCONNECTS = "disconnects";
    /** Connections dropped for a frame that broke the protocol. */
    public static final String STAT_BAD_FRAMES = "badFrames";
    /** Upcalls received. */
    public static final String STAT_UPCALLS = "upcalls";
    /** Calls that hit their deadline. */
    public static final String STAT_TIMEOUTS = "timeouts";
    /** Sessions lost to a server that forgot the client. */
    public static final String STAT_SESSIONS_LOST = "sessionsLost";

    private static final Logger LOG = LoggerFactory.getLogger(RetryRpcClient.class);
    private static final String VOID_PARAMS = "{}";

    private final RetryRpcClientSettings settings;
    private final ObjectMapper mapper;
    private final ClientDialer dialer;
    private final UpcallDispatcher dispatcher;
    private final StatCounters stats = new StatCounters(List.of(STAT_CALLS, STAT_REPLIES, STAT_RETRANSMITS,
            STAT_RECONNECTS, STAT_DIAL_FAILURES, STAT_DISCONNECTS, STAT_BAD_FRAMES, STAT_UPCALLS, STAT_TIMEOUTS,
            STAT_SESSIONS_LOST));
    private final long deadlineIONanos;
    private final Thread supervisor;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    // Guarded by lock:
    private final TreeMap<Long, PendingCall> outstanding = new TreeMap<>();
    private final AckTracker acks = new AckTracker();
    private long clientId;
    private long lastRequestId;
    private long lastGeneration;
    private ClientConnection current;
    private boolean closed;
    private volatile long lastReceiveNanos;

    /**
     * Creates the client and starts connecting in the background; calls made before the first
     * connection wait for it (within their deadline).
     *
     * @param settings server address, timings, CA file
     * @param upcalls receives upcalls, or {@code null} to ignore them
     * @param sessionListener told about lost sessions, or {@code null}
     * @throws IOException when the CA file cannot be used
     */
    public RetryRpcClient(RetryRpcClientSettings settings, UpcallHandler upcalls, SessionListener sessionListener)
            throws IOException {
        this(settings, upcalls, sessionListener, RpcJson.defaultMapper());
    }

    /**
     * As {@link #RetryRpcClient(RetryRpcClientSettings, UpcallHandler, SessionListener)}, encoding
     * requests and decoding replies with {@code mapper}.
     */
    public RetryRpcClient(RetryRpcClientSettings settings, UpcallHandler upcalls, SessionListener sessionListener,
            ObjectMapper mapper) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        SSLContext tls = settings.tls() ? TlsContexts.client(settings.caCertFile()) : null;
        this.dialer = new ClientDialer(settings, tls);
        this.deadlineIONanos = settings.deadlineIO().toNanos();
        String name = "retryrpc-client-" + settings.ip() + ":" + settings.port();
        this.dispatcher = new UpcallDispatcher(name + "-upcall", upcalls, sessionListener);
        this.supervisor = NamedThreads.start(name + "-supervisor", this::supervise, true);
    }

    /**
     * Calls {@code method} with the default call deadline.
     *
     * @see #call(String, Object, Class, Duration)
     */
    public <R> R call(String method, Object request, Class<R> replyType) throws RetryRpcException {
        return call(method, request, replyType, settings.callDeadline());
    }

    /**
     * Calls {@code method} and waits for its reply.
     *
     * @param method the server method name, e.g. {@code "Mount"}
     * @param request encoded as {@code params[0]} ({@code null} sends {@code {}})
     * @param replyType the type {@code result} is decoded to; {@link JsonNode} for the raw tree,
     *        {@link Void} to ignore it
     * @param deadline how long to wait for the reply, reconnects included
     * @return the decoded {@code result} ({@code null} for {@link Void} or a null result)
     * @throws RpcErrorException the server's method answered with an error string
     * @throws SessionLostException the server forgot this client's session before answering
     * @throws CallTimeoutException no reply within {@code deadline}
     * @throws ClientClosedException the client is or was closed meanwhile
     * @throws RetryRpcException the request cannot be encoded, the reply cannot be decoded, or the
     *         caller was interrupted
     */
    public <R> R call(String method, Object request, Class<R> replyType, Duration deadline) throws RetryRpcException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(replyType, "replyType");
        String params;
        try {
            params = request == null ? VOID_PARAMS : mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new RetryRpcException(method, "cannot encode request of " + method + ": " + e.getMessage(), e);
        }
        PendingCall p;
        ClientConnection c;
        lock.lock();
        try {
            if (closed) {
                throw new ClientClosedException(null);
            }
            p = new PendingCall(method, ++lastRequestId, params);
            outstanding.put(p.requestId, p);
            c = current;
        } finally {
            lock.unlock();
        }
        stats.increment(STAT_CALLS);
        if (c != null) {
            transmit(c, p);
        }
        RpcJson.Reply reply = await(p, deadline);
        if (!reply.errstr().isEmpty()) {
            throw new RpcErrorException(method, reply.errstr());
        }
        return decodeResult(method, reply.result(), replyType);
    }

    /** The unique id the server knows this client by; 0 before the first connection. */
    public long clientId() {
        lock.lock();
        try {
            return clientId;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a connection is established now. */
    public boolean isConnected() {
        lock.lock();
        try {
            return current != null;
        } finally {
            lock.unlock();
        }
    }

    /** The counters ({@code STAT_*} names) plus the gauge {@code outstanding}. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>(stats.asMap());
        lock.lock();
        try {
            m.put("outstanding", (long) outstanding.size());
        } finally {
            lock.unlock();
        }
        return m;
    }

    /**
     * Closes the connection, fails every unanswered call with {@link ClientClosedException} and
     * stops the client's threads (waiting for them, bounded). Idempotent.
     */
    @Override
    public void close() {
        List<PendingCall> failed;
        ClientConnection c;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            c = current;
            current = null;
            failed = new ArrayList<>(outstanding.values());
            outstanding.clear();
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        dialer.abort();
        if (c != null) {
            c.close();
        }
        for (PendingCall p : failed) {
            p.reply.completeExceptionally(new ClientClosedException(p.method));
        }
        join(supervisor);
        if (c != null) {
            join(c.reader);
        }
        dispatcher.close();
    }

    // ---- calls ----

    private RpcJson.Reply await(PendingCall p, Duration deadline) throws RetryRpcException {
        try {
            return p.reply.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetryRpcException r) {
                throw r;
            }
            throw new RetryRpcException(p.method, "call of " + p.method + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            boolean connected = abandon(p);
            if (p.reply.isDone()) {
                return await(p, Duration.ZERO);
            }
            stats.increment(STAT_TIMEOUTS);
            throw new CallTimeoutException(p.method, p.requestId, deadline, connected);
        } catch (InterruptedException e) {
            abandon(p);
            Thread.currentThread().interrupt();
            throw new RetryRpcException(p.method, "interrupted while waiting for the reply of " + p.method, e);
        }
    }

    /** Stops waiting for {@code p}: never sent again, and acknowledged so the server can trim. */
    private boolean abandon(PendingCall p) {
        lock.lock();
        try {
            if (outstanding.remove(p.requestId, p)) {
                acks.done(p.requestId);
            }
            return current != null;
        } finally {
            lock.unlock();
        }
    }

    private <R> R decodeResult(String method, JsonNode result, Class<R> type) throws RetryRpcException {
        if (result == null || type == Void.class) {
            return null;
        }
        if (type == JsonNode.class) {
            return type.cast(result);
        }
        try {
            return mapper.treeToValue(result, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new RetryRpcException(method, "cannot decode the result of " + method + " as " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code p} on {@code c} unless it was already written there or is no longer wanted. */
    private void transmit(ClientConnection c, PendingCall p) {
        long id;
        long ack;
        lock.lock();
        try {
            if (current != c || outstanding.get(p.requestId) != p || p.sentGeneration == c.generation) {
                return;
            }
            if (p.sentGeneration >= 0) {
                stats.increment(STAT_RETRANSMITS);
            }
            p.sentGeneration = c.generation;
            p.lastSentNanos = System.nanoTime();
            id = clientId;
            ack = acks.highest();
        } finally {
            lock.unlock();
        }
        byte[] body = RpcJson.encodeRequest(mapper, id, p.requestId, ack, p.method, p.paramsJson);
        try {
            c.frames.writeFrame(MessageType.RPC, body);
        } catch (IOException e) {
            connectionLost(c, "write failed: " + e);
        }
    }

    // ---- connection management (supervisor thread) ----

    private void supervise() {
        long backoffNanos = RetryRpcClientSettings.INITIAL_BACKOFF.toNanos();
        long checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(deadlineIONanos / 4,
                TimeUnit.SECONDS.toNanos(1)));
        boolean everConnected = false;
        int failuresInARow = 0;
        while (true) {
            long passId;
            lock.lock();
            try {
                while (!closed && current != null) {
                    ClientConnection c = current;
                    lock.unlock();
                    try {
                        checkConnection(c);
                    } catch (RuntimeException e) {
                        LOG.error("retryrpc client: connection check failed", e);
                    } finally {
                        lock.lock();
                    }
                    if (!closed && current == c) {
                        stateChanged.awaitNanos(checkNanos);
                    }
                }
                if (closed) {
                    return;
                }
                passId = clientId;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                ClientDialer.Dialed d = dialer.dial(passId);
                install(d, passId != 0, everConnected);
                everConnected = true;
                failuresInARow = 0;
                backoffNanos = RetryRpcClientSettings.INITIAL_BACKOFF.toNanos();
            } catch (IOException | RuntimeException e) {
                stats.increment(STAT_DIAL_FAILURES);
                failuresInARow++;
                if (failuresInARow == 1 || failuresInARow % 50 == 0) {
                    LOG.info("retryrpc client: cannot connect to {}:{} ({} attempt(s) so far): {}", settings.ip(),
                            settings.port(), failuresInARow, e.toString());
                }
                if (!pause(backoffNanos)) {
                    return;
                }
                backoffNanos = Math.min(backoffNanos * 2, settings.backoffCap().toNanos());
            }
        }
    }

    /** Waits, waking early on close; returns false when closed. */
    private boolean pause(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = stateChanged.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void install(ClientDialer.Dialed d, boolean resumed, boolean reconnect) {
        ClientConnection c;
        List<PendingCall> resend;
        lock.lock();
        try {
            if (closed) {
                d.frames().close();
                return;
            }
            if (clientId == 0) {
                clientId = d.clientId();
            }
            c = new ClientConnection(d.frames(), ++lastGeneration, resumed);
            current = c;
            lastReceiveNanos = System.nanoTime();
            resend = new ArrayList<>(outstanding.values());
            c.reader = NamedThreads.start("retryrpc-client-" + settings.ip() + ":" + settings.port() + "-reader-"
                    + c.generation, () -> readLoop(c), false);
        } finally {
            lock.unlock();
        }
        if (reconnect) {
            stats.increment(STAT_RECONNECTS);
            LOG.info("retryrpc client {}: reconnected to {}:{}, sending {} unanswered request(s) again",
                    Long.toUnsignedString(d.clientId()), settings.ip(), settings.port(), resend.size());
        }
        c.reader.start();
        for (PendingCall p : resend) {
            transmit(c, p);
        }
    }

    /** Enforces DeadlineIO on the current connection and sends any call not yet sent on it. */
    private void checkConnection(ClientConnection c) {
        long now = System.nanoTime();
        if (c.frames.isStalled(now, deadlineIONanos)) {
            connectionLost(c, "a frame read or write exceeded RetryRPCDeadlineIO " + settings.deadlineIO());
            return;
        }
        List<PendingCall> unsent = new ArrayList<>();
        boolean silent = false;
        lock.lock();
        try {
            boolean quietLine = now - lastReceiveNanos > deadlineIONanos;
            for (PendingCall p : outstanding.values()) {
                if (p.sentGeneration != c.generation) {
                    unsent.add(p);
                } else if (quietLine && now - p.lastSentNanos > deadlineIONanos) {
                    silent = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (silent) {
            connectionLost(c, "no frame from the server within RetryRPCDeadlineIO " + settings.deadlineIO()
                    + " while requests were outstanding");
            return;
        }
        for (PendingCall p : unsent) {
            transmit(c, p);
        }
    }

    private void connectionLost(ClientConnection c, String why) {
        lock.lock();
        try {
            if (current != c) {
                return;
            }
            current = null;
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
        c.close();
        stats.increment(STAT_DISCONNECTS);
        LOG.info("retryrpc client {}: connection {} lost: {}", Long.toUnsignedString(clientId()), c, why);
    }

    // ---- reading (one reader thread per connection) ----

    private void readLoop(ClientConnection c) {
        boolean first = true;
        try {
            for (Frame f = c.frames.readFrame(); f != null; f = c.frames.readFrame()) {
                lastReceiveNanos = System.nanoTime();
                MessageType type = f.type();
                if (type == MessageType.RPC) {
                    onReply(f.body());
                } else if (type == MessageType.UPCALL) {
                    stats.increment(STAT_UPCALLS);
                    dispatcher.upcall(f.body());
                } else if (type == MessageType.RETURN_UNIQUE_ID && first && c.resumed) {
                    onSessionLost(RpcJson.decodeId(f.body()));
                } else {
                    throw new BadFrameException("unexpected message type " + f.typeCode() + " from the server");
                }
                first = false;
            }
            connectionLost(c, "server closed the connection");
        } catch (BadFrameException e) {
            stats.increment(STAT_BAD_FRAMES);
            LOG.warn("retryrpc client: bad frame from the server on {}: {}", c, e.getMessage());
            connectionLost(c, "bad frame");
        } catch (IOException e) {
            connectionLost(c, e.toString());
        } catch (RuntimeException e) {
            LOG.error("retryrpc client: reader failed on {}", c, e);
            connectionLost(c, e.toString());
        }
    }

    private void onReply(byte[] body) throws BadFrameException {
        RpcJson.Reply r = RpcJson.decodeReply(mapper, body);
        PendingCall p;
        lock.lock();
        try {
            if (r.clientId() != clientId) {
                return;
            }
            p = outstanding.remove(r.requestId());
            if (p == null) {
                return;
            }
            acks.done(r.requestId());
        } finally {
            lock.unlock();
        }
        stats.increment(STAT_REPLIES);
        p.reply.complete(r);
    }

    private void onSessionLost(long newClientId) {
        List<PendingCall> failed;
        long oldClientId;
        lock.lock();
        try {
            oldClientId = clientId;
            clientId = newClientId;
            lastRequestId = 0;
            acks.reset();
            failed = new ArrayList<>(outstanding.values());
            outstanding.clear();
        } finally {
            lock.unlock();
        }
        stats.increment(STAT_SESSIONS_LOST);
        LOG.warn("retryrpc client: the server no longer knows client {}; new session {}, failing {} unanswered call(s)",
                Long.toUnsignedString(oldClientId), Long.toUnsignedString(newClientId), failed.size());
        for (PendingCall p : failed) {
            p.reply.completeExceptionally(new SessionLostException(p.method, p.requestId, oldClientId, newClientId));
        }
        dispatcher.sessionLost(oldClientId, newClientId);
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("retryrpc client: thread {} did not stop within 10s", t.getName());
        }
    }
}
