package io.proxyfs.ickpt;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.Service;
import io.proxyfs.httpstatus.ConfigEndpoint;
import io.proxyfs.httpstatus.Endpoint;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.httpstatus.VersionEndpoint;
import io.proxyfs.retryrpc.TlsContexts;
import io.proxyfs.swift.FixedTokenAuth;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;
import java.nio.file.Files;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ickpt daemon: opens its RocksDB store in {@code DataBasePath}, then serves the checkpoint
 * protocol ({@link CheckPointProtocol}) and its status routes ({@code GET /version},
 * {@code /config}, {@code /stats}, {@code /metrics}, {@code /status} — HTML, also shown for a
 * browser's {@code GET /}) on one listener at {@code IPAddr:Port}, over HTTPS when the
 * certificate keys are set. Stops in reverse order. Several instances can run in one JVM (tests).
 * Thread-safe: {@link #start} once, {@link #stop} once.
 */
public final class Ickpt implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(Ickpt.class);

    private final IckptConfig config;
    private final CheckPointStore store;
    private final SwiftClient swift;
    private final Transactions transactions;
    private final IckptMetrics metrics = new IckptMetrics();
    private final StatusServer http;

    private Ickpt(IckptConfig config, ConfMap conf) throws IOException {
        this.config = config;
        SSLContext tls = null;
        if (config.tls()) {
            if (!Files.isReadable(config.caCertFile().orElseThrow())) {
                throw new IOException("[ICKPT]CACertFilePath " + config.caCertFile().get() + " is not readable");
            }
            tls = TlsContexts.server(config.certFile().orElseThrow(), config.keyFile().orElseThrow());
        }
        store = CheckPointStore.open(config.dataBasePath());
        swift = new SwiftClient(new FixedTokenAuth("-", "http://127.0.0.1/"), config.swift());
        transactions = new Transactions(System::nanoTime, config.transactionTimeout().toNanos());
        SwiftAuthorizer authorizer = new SwiftAuthorizer(swift, System::nanoTime, metrics);
        metrics.registry.gauge("ickpt_staged_transactions", "Stages waiting for their commit.",
                transactions::stagedCount);
        metrics.registry.gauge("ickpt_expired_transactions", "Stages that expired uncommitted (total).",
                () -> transactions.expiredCount());
        metrics.registry.gauge("ickpt_volumes", "Volumes with a committed checkpoint.", this::volumes);
        VersionEndpoint version = new VersionEndpoint(Ickpt.class);
        Endpoint page = r -> HttpResponse.html(statusPage(version.version()));
        Router router = new Router()
                .add("GET", "/version", version)
                .add("GET", "/config", new ConfigEndpoint(conf))
                .add("GET", "/stats", r -> HttpResponse.text(200, stats()))
                .add("GET", "/metrics", metrics.registry.endpoint())
                .add("GET", "/status", page);
        new CheckPointProtocol(store, transactions, authorizer, metrics, this::healthy).addTo(router, page);
        try {
            http = new StatusServer("ickpt", config.ipAddr(), config.port(), router, 4096, tls).start();
        } catch (IOException | RuntimeException e) {
            swift.close();
            store.close();
            throw e;
        }
        LOG.info("ickpt serving {} on {}:{} with RocksDB in {}", config.tls() ? "HTTPS" : "HTTP",
                config.ipAddr(), http.port(), config.dataBasePath());
    }

    /** Starts ickpt from its config; throws (having released what it opened) if it cannot. */
    public static Ickpt start(ConfMap conf) throws IOException {
        return new Ickpt(IckptConfig.from(conf), conf);
    }

    /** The port actually bound. */
    public int port() {
        return http.port();
    }

    @Override
    public void stop() {
        http.close();
        swift.close();
        store.close();
    }

    private boolean healthy() {
        try {
            store.get("ickpt-health-probe");
            return true;
        } catch (IOException e) {
            LOG.warn("health probe failed: {}", e.getMessage());
            return false;
        }
    }

    private long volumes() {
        try {
            return store.volumes();
        } catch (IOException e) {
            LOG.warn("{}", e.getMessage());
            return -1;
        }
    }

    private String stats() {
        return "ickpt.commits " + metrics.commits.get() + "\n"
                + "ickpt.staged " + transactions.stagedCount() + "\n"
                + "ickpt.expired " + transactions.expiredCount() + "\n"
                + "ickpt.staleRefusals " + metrics.staleRefusals.get() + "\n"
                + "ickpt.authCacheHits " + metrics.authCacheHits.get() + "\n"
                + "ickpt.authRefusals " + metrics.authRefusals.get() + "\n"
                + "ickpt.swiftGets " + metrics.swiftGets.count() + "\n"
                + "ickpt.volumes " + volumes() + "\n";
    }

    private String statusPage(String version) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ickpt</title></head><body>"
                + "<h1>ickpt " + esc(version) + "</h1>"
                + "<p>Serving " + (config.tls() ? "HTTPS" : "HTTP") + " on " + esc(config.ipAddr()) + ":" + http.port()
                + "; RocksDB in " + esc(config.dataBasePath().toString()) + "; TransactionTimeout "
                + config.transactionTimeout() + ".</p>"
                + "<table><tr><th>Commits</th><td>" + metrics.commits.get() + "</td></tr>"
                + "<tr><th>Staged now</th><td>" + transactions.stagedCount() + "</td></tr>"
                + "<tr><th>Expired</th><td>" + transactions.expiredCount() + "</td></tr>"
                + "<tr><th>Stale refusals (409)</th><td>" + metrics.staleRefusals.get() + "</td></tr>"
                + "<tr><th>Volumes</th><td>" + volumes() + "</td></tr></table>"
                + volumeTable()
                + "<ul><li><a href=\"/config\">Config</a></li><li><a href=\"/stats\">Stats</a></li>"
                + "<li><a href=\"/metrics\">Metrics</a></li><li><a href=\"/version\">Version</a></li></ul>"
                + "</body></html>";
    }

    /** The first 100 volumes and their committed checkpoints, as an HTML table. */
    private String volumeTable() {
        StringBuilder b = new StringBuilder("<h2>Committed checkpoints (first 100)</h2><table>"
                + "<tr><th>Volume (X-Storage-Url without the scheme)</th><th>Checkpoint</th></tr>");
        try {
            for (java.util.Map.Entry<String, byte[]> e : store.first(100)) {
                b.append("<tr><td>").append(esc(e.getKey())).append("</td><td><code>")
                        .append(esc(new String(e.getValue(), java.nio.charset.StandardCharsets.US_ASCII)))
                        .append("</code></td></tr>");
            }
        } catch (IOException e) {
            b.append("<tr><td colspan=\"2\">").append(esc(e.getMessage())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
