package io.proxyfs.imgr.http;

import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.imgr.volume.VolumeStatus;
import java.util.List;

/**
 * imgr's HTML pages for a person with a browser: a styled list of the served volumes linking to
 * each volume's page with its figures. Plain HTML and inline CSS, nothing fetched from elsewhere.
 * Stateless.
 */
final class StatusPages {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "h1{font-size:1.4em}table{border-collapse:collapse;margin-top:1em}"
            + "th,td{border:1px solid #ccc;padding:.4em .8em;text-align:left}th{background:#f0f3f7}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}a{color:#0b5cad}"
            + "nav a{margin-right:1em}";

    private StatusPages() {
    }

    static String volumes(List<VolumeInfo> volumes) {
        StringBuilder rows = new StringBuilder();
        for (VolumeInfo v : volumes) {
            VolumeStatus s = v.status().orElse(null);
            rows.append("<tr><td><a href=\"/volume/").append(escape(v.name())).append("\">")
                    .append(escape(v.name())).append("</a></td><td>").append(escape(v.storageUrl()))
                    .append("</td><td>").append(v.open() ? "open" : "served, opens at first mount")
                    .append("</td><td class=n>").append(s == null ? "" : Long.toUnsignedString(s.numInodes()))
                    .append("</td></tr>");
        }
        String table = volumes.isEmpty() ? "<p>No volume is served.</p>"
                : "<table><tr><th>Volume</th><th>StorageURL</th><th>State</th><th>Inodes</th></tr>" + rows
                        + "</table>";
        return page("Volumes", table);
    }

    static String volume(VolumeInfo v) {
        VolumeStatus s = v.status().orElse(null);
        StringBuilder rows = new StringBuilder();
        row(rows, "StorageURL", escape(v.storageUrl()));
        row(rows, "State", v.open() ? "open" : "served, opens at first mount");
        if (s != null) {
            row(rows, "Inodes", Long.toUnsignedString(s.numInodes()));
            row(rows, "Inode objects", Long.toUnsignedString(s.objectCount()));
            row(rows, "Bytes written", Long.toUnsignedString(s.bytesWritten()));
            row(rows, "Bytes referenced", Long.toUnsignedString(s.bytesReferenced()));
            row(rows, "Inode-table objects", Integer.toString(s.inodeTableObjects()));
            row(rows, "Objects pending delete", Integer.toString(s.pendingDeletes()));
            row(rows, "Reserved to nonce", Long.toUnsignedString(s.reservedToNonce()));
            long ageMillis = (System.nanoTime() - s.lastCheckPointNanos()) / 1_000_000;
            row(rows, "Since the last checkpoint", String.format("%.1f s", ageMillis / 1000.0));
        }
        row(rows, "Checkpoint rounds", Long.toString(v.checkPoints()));
        return page("Volume " + escape(v.name()), "<table>" + rows + "</table>");
    }

    private static void row(StringBuilder rows, String name, String value) {
        rows.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>imgr: " + title + "</title><style>"
                + STYLE + "</style></head><body><nav><a href=\"/volume\">Volumes</a><a href=\"/config\">Config</a>"
                + "<a href=\"/version\">Version</a></nav><h1>" + title + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
