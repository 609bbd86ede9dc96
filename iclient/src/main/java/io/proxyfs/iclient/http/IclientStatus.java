package io.proxyfs.iclient.http;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.httpstatus.ConfigEndpoint;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.httpstatus.VersionEndpoint;
import io.proxyfs.iclient.lease.LeaseState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * iclient's HTTP routes (the original's {@code http-server.go}): {@code GET /config},
 * {@code /version}, {@code /stats} (text, one counter a line), {@code /leases} (JSON
 * {@code [{InodeNumber, State}]} by inode number), {@code POST /leases/demote} and
 * {@code /leases/release} (write back and give up every exclusive / every lease; the original
 * only logged "TODO"), and an HTML page at {@code /} for a browser. Thread-safe: reads live
 * state through the suppliers it is given.
 */
public final class IclientStatus {
    /** What the routes read and do. */
    public interface Source {
        /** Mount state: volume, mount point, MountID, and so on. */
        Map<String, String> mount();

        /** All counters, by name. */
        Map<String, Long> stats();

        /** Leases held by inode number. */
        Map<Long, LeaseState> leases();

        /** Gives up leases down to {@code target}; returns how many changed. */
        int giveUpAll(LeaseState target);

        /** The latest unexpected errors. */
        List<String> recentErrors();
    }

    private final Source source;
    private final ConfMap conf;

    public IclientStatus(Source source, ConfMap conf) {
        this.source = source;
        this.conf = conf;
    }

    /** A router with every route. */
    public Router router() {
        VersionEndpoint version = new VersionEndpoint(IclientStatus.class);
        Supplier<String> v = version::version;
        return new Router()
                .add("GET", "/version", version)
                .add("GET", "/config", new ConfigEndpoint(conf))
                .add("GET", "/stats", r -> HttpResponse.text(200, statsText()))
                .add("GET", "/leases", r -> HttpResponse.json(leasesJson()))
                .add("POST", "/leases/demote", r -> HttpResponse.json(Map.of("Demoted",
                        source.giveUpAll(LeaseState.SHARED))))
                .add("POST", "/leases/release", r -> HttpResponse.json(Map.of("Released",
                        source.giveUpAll(LeaseState.NONE))))
                .add("GET", "/", r -> HttpResponse.html(page(v.get())))
                .add("GET", "/index.html", r -> HttpResponse.html(page(v.get())));
    }

    private String statsText() {
        StringBuilder out = new StringBuilder();
        source.stats().forEach((k, val) -> out.append(k).append(' ').append(val).append('\n'));
        return out.toString();
    }

    private List<Map<String, Object>> leasesJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        source.leases().forEach((inode, state) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("InodeNumber", inode);
            m.put("State", state == LeaseState.EXCLUSIVE ? "ExclusiveLeaseGranted" : "SharedLeaseGranted");
            out.add(m);
        });
        return out;
    }

    private static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String page(String version) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>iclient</title>"
                + "</head><body><h1>iclient " + esc(version) + "</h1><h2>Mount</h2><table>");
        source.mount().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v))
                .append("</td></tr>"));
        h.append("</table><h2>Counters</h2><table>");
        source.stats().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(v)
                .append("</td></tr>"));
        Map<Long, LeaseState> leases = source.leases();
        h.append("</table><h2>Leases held (").append(leases.size()).append(")</h2><table>");
        int shown = 0;
        for (Map.Entry<Long, LeaseState> e : leases.entrySet()) {
            if (shown++ == 200) {
                h.append("<tr><td colspan=2>...</td></tr>");
                break;
            }
            h.append("<tr><td>").append(Long.toUnsignedString(e.getKey())).append("</td><td>").append(e.getValue())
                    .append("</td></tr>");
        }
        h.append("</table><h2>Recent errors</h2><ul>");
        for (String s : source.recentErrors()) {
            h.append("<li>").append(esc(s)).append("</li>");
        }
        h.append("</ul><p><a href=\"/config\">config</a> <a href=\"/stats\">stats</a> <a href=\"/leases\">leases</a>"
                + " <a href=\"/version\">version</a></p></body></html>");
        return h.toString();
    }
}
