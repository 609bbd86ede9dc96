package io.proxyfs.retryrpc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retryrpc server (imgr's side): accepts clients over TCP or TLS, gives each new client a
 * unique id, executes its requests at most once on a bounded worker pool, keeps replies until
 * acknowledged or expired, and pushes upcalls to connected clients.
 *
 * <p>Life cycle: construct, register methods in the {@link MethodRegistry} (before or after),
 * {@link #start()}, then {@link #close()}. See the package documentation for the threads.
 *
 * <p>Thread-safe: every public method may be called from any thread.
 */
public final class RetryRpcServer implements AutoCloseable {
    /** Requests executed (first copies). */
    public static final String STAT_CALLS = "calls";
    /** Retransmitted requests answered from the reply cache. */
    public static final String STAT_RETRANSMITS_FROM_CACHE = "retransmitsFromCache";
    /** Retransmitted requests that waited for their first copy's execution. */
    public static final String STAT_RETRANSMITS_JOINED = "retransmitsJoined";
    /** Retransmissions at or below the acknowledged id, ignored. */
    public static final String STAT_STALE_DROPPED = "staleDropped";
    /** Connections accepted. */
    public static final String STAT_CONNECTIONS = "connections";
    /** Reconnections of known clients (PassID). */
    public static final String STAT_RECONNECTS = "reconnects";
    /** New sessions handed out (AskMyUniqueID, or PassID of an unknown id). */
    public static final String STAT_SESSIONS = "sessions";
    /** PassID naming an id this server does not know. */
    public static final String STAT_UNKNOWN_SESSIONS = "unknownSessions";
    /** Requests naming a client id other than their connection's (answered ESessionLost). */
    public static final String STAT_FOREIGN_REQUESTS = "foreignRequests";
    /** Connections closed for breaking the protocol. */
    public static final String STAT_BAD_FRAMES = "badFrames";
    /** Requests for unregistered methods. */
    public static final String STAT_UNKNOWN_METHODS = "unknownMethods";
    /** Requests whose params did not decode. */
    public static final String STAT_BAD_PARAMS = "badParams";
    /** Upcalls queued for sending. */
    public static final String STAT_UPCALLS = "upcalls";
    /** Replies dropped from the caches (acknowledged or expired). */
    public static final String STAT_TRIMMED = "trimmedReplies";
    /** Connections closed because a read or write exceeded RetryRPCDeadlineIO. */
    public static final String STAT_IO_TIMEOUTS = "ioTimeouts";

    private static final Logger LOG = LoggerFactory.getLogger(RetryRpcServer.class);

    private final RetryRpcServerSettings settings;
    private final MethodRegistry registry;
    private final StatCounters stats = new StatCounters(List.of(STAT_CALLS, STAT_RETRANSMITS_FROM_CACHE,
            STAT_RETRANSMITS_JOINED, STAT_STALE_DROPPED, STAT_CONNECTIONS, STAT_RECONNECTS, STAT_SESSIONS,
            STAT_UNKNOWN_SESSIONS, STAT_FOREIGN_REQUESTS, STAT_BAD_FRAMES, STAT_UNKNOWN_METHODS, STAT_BAD_PARAMS,
            STAT_UPCALLS, STAT_TRIMMED, STAT_IO_TIMEOUTS));
    private final RequestProcessor processor;
    private final ConcurrentHashMap<Long, ClientSession> sessions = new ConcurrentHashMap<>();
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<ServerConnection, Thread> readers = new ConcurrentHashMap<>();
    private final AtomicLong lastClientId;
    private final Semaphore workPermits;
    private final IoWatchdog watchdog;
    private ServerSocket listener;
    private Thread acceptor;
    private ThreadPoolExecutor workers;
    private ExecutorService upcallSender;
    private ScheduledExecutorService timer;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param settings listen address, timings, TLS files, worker count
     * @param registry the methods to serve
     */
    public RetryRpcServer(RetryRpcServerSettings settings, MethodRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.processor = new RequestProcessor(registry, stats);
        // Ids continue across restarts instead of starting at 1 again, so that a client of a
        // previous incarnation can never be mistaken for a new client that got the same number.
        this.lastClientId = new AtomicLong(System.currentTimeMillis() << 10);
        this.workPermits = new Semaphore(settings.workerCount() * 8);
        this.watchdog = new IoWatchdog(settings.deadlineIO().toNanos(), c -> {
            stats.increment(STAT_IO_TIMEOUTS);
            LOG.info("retryrpc connection {}: I/O exceeded RetryRPCDeadlineIO {}, closed", c, settings.deadlineIO());
        });
    }

    /**
     * Binds the listening socket and starts the threads.
     *
     * @throws IOException when the address cannot be bound or the TLS files cannot be used
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException("retryrpc server already started or closed");
        }
        InetSocketAddress addr = new InetSocketAddress(InetAddress.getByName(settings.ip()), settings.port());
        if (settings.tls()) {
            SSLContext ctx = TlsContexts.server(settings.certFile(), settings.keyFile());
            listener = ctx.getServerSocketFactory().createServerSocket();
        } else {
            listener = new ServerSocket();
        }
        listener.setReuseAddress(true);
        listener.bind(addr, 128);
        int port = listener.getLocalPort();
        workers = new ThreadPoolExecutor(settings.workerCount(), settings.workerCount(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("retryrpc-server-" + port + "-worker"));
        upcallSender = Executors.newSingleThreadExecutor(new NamedThreads("retryrpc-server-" + port + "-upcall"));
        timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("retryrpc-server-" + port + "-timer"));
        long trimMillis = Math.max(1, settings.ackTrim().toMillis());
        timer.scheduleWithFixedDelay(this::periodic, trimMillis, trimMillis, TimeUnit.MILLISECONDS);
        acceptor = NamedThreads.start("retryrpc-server-" + port + "-accept", this::acceptLoop, true);
        started = true;
        LOG.info("retryrpc server listening on {} ({})", listener.getLocalSocketAddress(), settings.tls() ? "TLS" : "TCP");
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        if (listener == null) {
            throw new IllegalStateException("retryrpc server not started");
        }
        return listener.getLocalPort();
    }

    /**
     * Pushes an upcall (Type=Upcall frame with {@code payload} as body) to a client, best effort as
     * in the original: it is queued and written on the client's current connection by the upcall
     * thread, and lost if that connection fails.
     *
     * @return whether the client is known and connected now
     */
    public boolean sendUpcall(long clientId, byte[] payload) {
        ClientSession s = sessions.get(clientId);
        if (closed || s == null || s.connection() == null) {
            return false;
        }
        byte[] body = payload.clone();
        try {
            upcallSender.execute(() -> {
                ServerConnection c = s.connection();
                if (c != null) {
                    c.send(MessageType.UPCALL, body);
                }
            });
        } catch (RejectedExecutionException e) {
            return false;
        }
        stats.increment(STAT_UPCALLS);
        return true;
    }

    /** The unique ids of the clients the server currently remembers. */
    public Set<Long> clientIds() {
        return Set.copyOf(sessions.keySet());
    }

    /** Replies (and executions in progress) held in all reply caches. */
    public int cachedReplies() {
        int n = 0;
        for (ClientSession s : sessions.values()) {
            n += s.cache.size();
        }
        return n;
    }

    /** The counters ({@code STAT_*} names) plus the gauges {@code clients} and {@code cachedReplies}. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>(stats.asMap());
        m.put("clients", (long) sessions.size());
        m.put("cachedReplies", (long) cachedReplies());
        return m;
    }

    /**
     * Stops accepting, closes every connection, stops the threads and waits (bounded) for them.
     * Requests still executing are interrupted; their replies are never sent. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!started) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("retryrpc server: closing listener: {}", e.toString());
        }
        join(acceptor);
        for (ServerConnection c : connections) {
            c.close();
        }
        for (Thread t : readers.values()) {
            join(t);
        }
        workers.shutdownNow();
        upcallSender.shutdownNow();
        timer.shutdownNow();
        awaitTermination(workers);
        awaitTermination(upcallSender);
        awaitTermination(timer);
        LOG.info("retryrpc server on port {} closed", listener.getLocalPort());
    }

    // ---- called by ServerConnection and the threads below ----

    int deadlineIOMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.deadlineIO().toMillis()));
    }

    /** Handles the first message of a connection; returns the session it serves. */
    ClientSession identify(ServerConnection conn, Frame first) throws IOException {
        MessageType type = first.type();
        ClientSession session;
        if (type == MessageType.ASK_MY_UNIQUE_ID) {
            session = newSession(conn);
        } else if (type == MessageType.PASS_ID) {
            long id = RpcJson.decodeId(first.body());
            ClientSession known = sessions.get(id);
            if (known == null) {
                stats.increment(STAT_UNKNOWN_SESSIONS);
                session = newSession(conn);
                LOG.info("retryrpc client {} reconnected from {} but its session is unknown here (server restarted or "
                        + "session expired); it is now client {}", Long.toUnsignedString(id), conn,
                        Long.toUnsignedString(session.id));
            } else {
                stats.increment(STAT_RECONNECTS);
                session = known;
                ServerConnection old = session.bind(conn);
                if (old != null && old != conn) {
                    old.close();
                }
                LOG.debug("retryrpc client {} reconnected from {}", Long.toUnsignedString(id), conn);
                return session;
            }
        } else {
            throw new BadFrameException("first message must be AskMyUniqueID or PassID, not type " + first.typeCode());
        }
        conn.frames().writeFrame(MessageType.RETURN_UNIQUE_ID, RpcJson.encodeId(session.id));
        return session;
    }

    private ClientSession newSession(ServerConnection conn) {
        ClientSession s = new ClientSession(lastClientId.incrementAndGet(), System.nanoTime());
        s.bind(conn);
        sessions.put(s.id, s);
        stats.increment(STAT_SESSIONS);
        return s;
    }

    /**
     * Queues one RPC frame for a worker; blocks the connection's reader while the pool is
     * saturated (back-pressure through TCP).
     *
     * @return false when the server is closing
     */
    boolean dispatch(ServerConnection conn, ClientSession session, byte[] body) {
        try {
            while (!workPermits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (closed || conn.isClosed()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            workers.execute(() -> {
                try {
                    processor.process(conn, session, body);
                } catch (RuntimeException e) {
                    LOG.error("retryrpc: request processing failed on {}", conn, e);
                    conn.close();
                } finally {
                    workPermits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            workPermits.release();
            return false;
        }
    }

    void badFrame(ServerConnection conn, BadFrameException e) {
        stats.increment(STAT_BAD_FRAMES);
        ClientSession s = conn.session();
        LOG.warn("retryrpc connection {}{}: closing on a bad frame: {}", conn,
                s == null ? "" : " (client " + Long.toUnsignedString(s.id) + ")", e.getMessage());
    }

    void connectionEnded(ServerConnection conn) {
        connections.remove(conn);
        readers.remove(conn);
        watchdog.unregister(conn.frames());
        ClientSession s = conn.session();
        if (s != null) {
            s.unbind(conn);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("retryrpc server: accept failed, retrying in 100ms: {}", e.toString());
                    sleepQuietly(100);
                }
                continue;
            }
            try {
                SocketTuning.apply(socket, settings.keepAlivePeriod());
                ServerConnection conn = new ServerConnection(this, socket, settings.maxFrameBytes());
                stats.increment(STAT_CONNECTIONS);
                connections.add(conn);
                watchdog.register(conn.frames());
                Thread t = NamedThreads.start("retryrpc-server-" + listener.getLocalPort() + "-conn-"
                        + socket.getPort(), conn, false);
                readers.put(conn, t);
                if (closed) {
                    conn.close();
                }
                t.start();
            } catch (IOException e) {
                LOG.info("retryrpc server: cannot set up connection from {}: {}", socket.getRemoteSocketAddress(),
                        e.toString());
                closeQuietly(socket);
            }
        }
    }

    private void periodic() {
        try {
            long now = System.nanoTime();
            long ttl = settings.ttlCompleted().toNanos();
            int trimmed = 0;
            for (ClientSession s : sessions.values()) {
                trimmed += s.cache.trimAcknowledged();
                trimmed += s.cache.trimExpired(now, ttl);
                if (s.connection() == null && s.cache.isIdle(now, ttl)) {
                    sessions.remove(s.id, s);
                    LOG.info("retryrpc: forgetting idle disconnected client {}", Long.toUnsignedString(s.id));
                }
            }
            if (trimmed > 0) {
                stats.add(STAT_TRIMMED, trimmed);
            }
            watchdog.check();
        } catch (RuntimeException e) {
            LOG.error("retryrpc server: periodic trim failed", e);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("retryrpc: thread {} did not stop within 10s", t.getName());
        }
    }

    private static void awaitTermination(ExecutorService e) {
        try {
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("retryrpc: executor did not stop within 10s");
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
