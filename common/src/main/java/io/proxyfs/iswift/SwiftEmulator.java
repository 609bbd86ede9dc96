package io.proxyfs.iswift;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An in-process OpenStack Swift emulator (upstream {@code iswift}) for tests and development.
 *
 * <p>Usage from a test:
 * <pre>{@code
 * try (SwiftEmulator swift = SwiftEmulator.builder().port(0).start()) {
 *     String authUrl = swift.authUrl();      // http://127.0.0.1:<port>/auth/v1.0
 *     swift.faults().add(FaultRule.fail(503, 2).matching("PUT", "/v1/AUTH_test/c/.*"));
 *     swift.revokeTokens();                   // the next request with an old token gets 401
 * }
 * }</pre>
 *
 * <p>Thread-safe: all methods may be called while requests are being served.
 */
public final class SwiftEmulator implements AutoCloseable {
    /** Swift's default cap on the number of names in one listing page. */
    public static final int DEFAULT_LISTING_LIMIT = 10_000;

    private final Server server;
    private final ServerConnector connector;
    private final TokenRegistry tokens;
    private final FaultInjector faults;
    private final String host;

    private SwiftEmulator(Builder b) throws IOException {
        this.host = b.host;
        this.tokens = new TokenRegistry(b.accounts);
        this.faults = new FaultInjector();
        ObjectStore store = new ObjectStore(b.dataDir == null ? new MemoryBlobStore() : new DiskBlobStore(b.dataDir));
        store.open(b.accounts.stream().map(SwiftAccount::account).toList());

        QueuedThreadPool pool = new QueuedThreadPool(b.maxThreads);
        pool.setName("iswift");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Swift accepts any object name, so %25 and %2F in paths must not be refused as ambiguous.
        http.setUriCompliance(UriCompliance.UNSAFE);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(b.host);
        connector.setPort(b.port);
        server.addConnector(connector);
        server.setHandler(new SwiftHandler(store, tokens, faults, b.listingLimit));
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("cannot start the Swift emulator on " + b.host + ":" + b.port, e);
        }
    }

    /** A builder with the defaults: 127.0.0.1, port 8080, in memory, account {@link SwiftAccount#DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port actually listened on (useful after {@code port(0)}). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://<host>:<port>}. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** The v1.0 auth endpoint, {@code http://<host>:<port>/auth/v1.0}. */
    public String authUrl() {
        return baseUrl() + "/auth/v1.0";
    }

    /** The storage URL of {@code account}, as auth returns it. */
    public String storageUrl(String account) {
        return baseUrl() + "/v1/" + account;
    }

    /** Invalidates every token issued so far (the original's {@code ForceReAuth}). */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** The fault rules applied to incoming requests. */
    public FaultInjector faults() {
        return faults;
    }

    /** Stops serving; stored objects stay on disk when a directory was given. */
    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort: the server's threads are daemons.
        }
    }

    /** Collects the emulator's settings. Not thread-safe; use from one thread. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private Path dataDir;
        private final List<SwiftAccount> accounts = new ArrayList<>();
        private int listingLimit = DEFAULT_LISTING_LIMIT;
        private int maxThreads = 64;

        private Builder() {
        }

        /** Address to listen on. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Keep objects in files under {@code dir} (created if needed) instead of memory. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Accept this user; when none is added, {@link SwiftAccount#DEFAULT} is used. */
        public Builder account(SwiftAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Names per listing page at most (Swift: 10,000). */
        public Builder listingLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("listing limit must be positive");
            }
            this.listingLimit = limit;
            return this;
        }

        /** Size of the server's thread pool. */
        public Builder maxThreads(int threads) {
            if (threads < 8) {
                throw new IllegalArgumentException("at least 8 threads are needed");
            }
            this.maxThreads = threads;
            return this;
        }

        /** Starts the emulator. */
        public SwiftEmulator start() throws IOException {
            if (accounts.isEmpty()) {
                accounts.add(SwiftAccount.DEFAULT);
            }
            return new SwiftEmulator(this);
        }
    }
}
