package io.proxyfs.httpstatus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's HTTP server: Jetty 12 on one address and port (0 picks a free port), answering every
 * request through a {@link Router}. Request bodies above {@code maxBodyBytes} are refused with 413
 * before they are read whole. Thread-safe: {@link #start} and {@link #close} are called once each;
 * requests are served on Jetty's threads.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

    /** The body cap used when a daemon does not choose one: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Bytes of a refused body still read (and dropped) so that its client gets the 413. */
    static final int DRAIN_SLACK = 1 << 20;

    private final Server server;
    private final ServerConnector connector;

    /**
     * @param name the daemon's name, for thread names and logs
     * @param host the address to bind (loopback by default in every dev.conf)
     * @param port the port, or 0 for a free one
     * @param router the routes
     * @param maxBodyBytes the largest request body accepted
     */
    public StatusServer(String name, String host, int port, Router router, int maxBodyBytes) {
        this(name, host, port, router, maxBodyBytes, null);
    }

    /**
     * The same, serving HTTPS with {@code tls} (a server context, e.g. from
     * {@code io.proxyfs.retryrpc.TlsContexts#server}) when it is not null.
     */
    public StatusServer(String name, String host, int port, Router router, int maxBodyBytes, SSLContext tls) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName(name + "-http");
        server = new Server(threads);
        if (tls == null) {
            connector = new ServerConnector(server, 1, 1);
        } else {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            connector = new ServerConnector(server, 1, 1, ssl);
        }
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new RouterHandler(router, maxBodyBytes));
        // No graceful drain: idle keep-alive connections of browsers and clients would hold every
        // stop for the whole timeout, and a status answer cut short loses nothing.
        server.setStopTimeout(0);
    }

    /** Starts listening; fails if the address cannot be bound. */
    public StatusServer start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot serve HTTP on " + connector.getHost() + ":" + connector.getPort()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("HTTP server listening on {}:{}", connector.getHost(), port());
        return this;
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), port());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server stop failed: {}", e.getMessage(), e);
        }
    }

    /** Adapts Jetty's request/response to the router; blocking handlers on Jetty's pool. */
    private static final class RouterHandler extends Handler.Abstract {
        private final Router router;
        private final int maxBodyBytes;

        RouterHandler(Router router, int maxBodyBytes) {
            this.router = router;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpResponse answer;
            try {
                answer = router.dispatch(toHttpRequest(request));
            } catch (HttpError e) {
                answer = HttpResponse.text(e.status(), e.getMessage());
            } catch (Router.MethodNotAllowed e) {
                HttpResponse text = HttpResponse.text(405, e.getMessage());
                answer = new HttpResponse(405, text.contentType(), Map.of("Allow", e.allow()), text.body());
            } catch (Exception e) {
                LOG.error("{} {} failed: {}", request.getMethod(), request.getHttpURI().getPath(), e.getMessage(), e);
                answer = HttpResponse.text(500, "internal error: " + e.getMessage());
            }
            response.setStatus(answer.status());
            if (!answer.contentType().isEmpty()) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            }
            answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }

        private HttpRequest toHttpRequest(Request request) throws HttpError, IOException {
            long declared = request.getLength();
            if (declared > maxBodyBytes) {
                if (declared <= (long) maxBodyBytes + DRAIN_SLACK) {
                    try (InputStream in = Request.asInputStream(request)) {
                        drain(in);
                    }
                }
                throw new HttpError(413, "request body of " + declared + " bytes is over the limit of " + maxBodyBytes);
            }
            byte[] body = readBody(request);
            String path = request.getHttpURI().getDecodedPath();
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            while (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            Map<String, String> query = new HashMap<>();
            Fields fields;
            try {
                fields = Request.extractQueryParameters(request);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "malformed query string: " + e.getMessage());
            }
            for (Fields.Field f : fields) {
                query.put(f.getName(), f.getValue());
            }
            Map<String, String> headers = new HashMap<>();
            for (HttpField h : request.getHeaders()) {
                headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
            return new HttpRequest(request.getMethod().toUpperCase(Locale.ROOT), path, "", query, headers, body);
        }

        private byte[] readBody(Request request) throws HttpError, IOException {
            try (InputStream in = Request.asInputStream(request)) {
                byte[] body = in.readNBytes(maxBodyBytes + 1);
                if (body.length > maxBodyBytes) {
                    drain(in);
                    throw new HttpError(413, "request body is over the limit of " + maxBodyBytes + " bytes");
                }
                return body;
            }
        }

        /**
         * Reads and drops up to {@link #DRAIN_SLACK} more bytes of a refused body, so that a client
         * still sending it reads the 413 instead of a connection reset (the server closes a
         * connection whose request body was left unread); a larger body is cut off.
         */
        private static void drain(InputStream in) throws IOException {
            long left = DRAIN_SLACK;
            byte[] sink = new byte[8192];
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }
    }
}
