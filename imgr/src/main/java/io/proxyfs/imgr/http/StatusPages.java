package io.proxyfs.imgr.http;

import io.proxyfs.imgr.http.StatusJson.DirEntry;
import io.proxyfs.imgr.http.StatusJson.Extent;
import io.proxyfs.imgr.http.StatusJson.InodeGet;
import io.proxyfs.imgr.http.StatusJson.InodeTableEntry;
import io.proxyfs.imgr.http.StatusJson.LayoutEntry;
import io.proxyfs.imgr.http.StatusJson.LinkEntry;
import io.proxyfs.imgr.http.StatusJson.MountEntry;
import io.proxyfs.imgr.http.StatusJson.StreamEntry;
import io.proxyfs.imgr.http.StatusJson.VolumeGet;
import io.proxyfs.imgr.http.StatusJson.VolumeListEntry;
import io.proxyfs.imgr.lease.HolderSnapshot;
import io.proxyfs.imgr.lease.InodeLeaseSnapshot;
import io.proxyfs.imgr.lease.InodeLeaseState;
import io.proxyfs.imgr.lease.LeaseSnapshot;
import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.imgr.volume.VolumeStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * imgr's HTML pages for a person with a browser: the served volumes with their mounts; a volume's
 * live figures, durable checkpoint, mounts, leases, inode-table layout and inode table, linking
 * to each inode; an inode's attributes, links, streams and directory entries or extents, linking
 * on to parents and children. Plain HTML and inline CSS, nothing fetched from elsewhere; every
 * value from storage or a client is escaped. Stateless.
 */
final class StatusPages {
    /** Rows shown of a long table (inode table, leases); the JSON form has them all. */
    static final int MAX_ROWS = 1000;

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}"
            + "table{border-collapse:collapse;margin-top:.6em}"
            + "th,td{border:1px solid #ccc;padding:.3em .7em;text-align:left;vertical-align:top}"
            + "th{background:#f0f3f7}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "code,td.m{font-family:ui-monospace,monospace}a{color:#0b5cad}nav a{margin-right:1em}"
            + "p.note{color:#666}";

    private StatusPages() {
    }

    static String volumes(List<VolumeInfo> infos, List<VolumeListEntry> entries) {
        if (entries.isEmpty()) {
            return page("Volumes", "<p>No volume is served.</p>");
        }
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            VolumeListEntry e = entries.get(i);
            VolumeInfo v = infos.get(i);
            VolumeStatus s = v.status().orElse(null);
            rows.append("<tr><td>").append(volumeLink(e.name())).append("</td><td class=m>")
                    .append(escape(e.storageUrl())).append("</td><td>").append(state(v)).append("</td>")
                    .append(num(e.healthyMounts())).append(num(e.authTokenExpiredMounts()))
                    .append(s == null ? "<td></td><td></td>" : num(s.numInodes()) + num(s.bytesReferenced()))
                    .append("<td>").append(s == null ? "" : sinceCheckPoint(s)).append("</td></tr>");
        }
        return page("Volumes", "<table><tr><th>Volume</th><th>StorageURL</th><th>State</th><th>Healthy mounts</th>"
                + "<th>Mounts with expired AuthToken</th><th>Inodes</th><th>Bytes referenced</th>"
                + "<th>Since the last checkpoint</th></tr>" + rows + "</table>");
    }

    static String volume(VolumeInfo info, VolumeGet v, Optional<LeaseSnapshot> leases) {
        StringBuilder body = new StringBuilder();
        StringBuilder live = new StringBuilder();
        row(live, "StorageURL", "<code>" + escape(v.storageUrl()) + "</code>");
        row(live, "State", state(info));
        row(live, "Healthy mounts", Long.toString(v.healthyMounts()));
        row(live, "Mounts with expired AuthToken", Long.toString(v.authTokenExpiredMounts()));
        info.status().ifPresent(s -> {
            row(live, "Inodes", Long.toUnsignedString(s.numInodes()));
            row(live, "Inode objects", Long.toUnsignedString(s.objectCount()));
            row(live, "Bytes written", Long.toUnsignedString(s.bytesWritten()));
            row(live, "Bytes referenced", Long.toUnsignedString(s.bytesReferenced()));
            row(live, "Objects pending delete", Integer.toString(s.pendingDeletes()));
            row(live, "Reserved to nonce", Long.toUnsignedString(s.reservedToNonce()));
            row(live, "Since the last checkpoint", sinceCheckPoint(s));
        });
        row(live, "Checkpoint rounds since opened", Long.toString(info.checkPoints()));
        body.append("<h2>Now</h2><table>").append(live).append("</table>");

        StringBuilder durable = new StringBuilder();
        row(durable, "Superblock object", "<code>" + escape(v.superBlockObjectName()) + "</code>");
        row(durable, "Superblock length", Long.toUnsignedString(v.superBlockLength()));
        row(durable, "Reserved to nonce", Long.toUnsignedString(v.reservedToNonce()));
        row(durable, "Inodes", Long.toUnsignedString(v.inodeTableInodeCount()));
        row(durable, "Inode-table height", Long.toUnsignedString(v.inodeTableHeight()));
        row(durable, "Inodes per node", Long.toUnsignedString(v.inodeTableMinInodesPerNode()) + " to "
                + Long.toUnsignedString(v.inodeTableMaxInodesPerNode()));
        row(durable, "Inode objects", Long.toUnsignedString(v.inodeObjectCount()));
        row(durable, "Bytes written", Long.toUnsignedString(v.inodeBytesWritten()));
        row(durable, "Bytes referenced", Long.toUnsignedString(v.inodeBytesReferenced()));
        row(durable, "Objects pending delete", v.pendingDeleteObjectNameArray().isEmpty() ? "none"
                : v.pendingDeleteObjectNameArray().stream().map(n -> "<code>" + escape(n) + "</code>")
                        .collect(Collectors.joining(" ")));
        body.append("<h2>Last checkpoint</h2><table>").append(durable).append("</table>");

        body.append("<h2>Mounts</h2>");
        if (v.mounts().isEmpty()) {
            body.append("<p>No client has this volume mounted.</p>");
        } else {
            body.append("<table><tr><th>MountID</th><th>retryrpc client</th><th>State</th><th>Open inodes</th>"
                    + "<th>Leases held</th><th>Leases awaited</th></tr>");
            for (MountEntry m : v.mounts()) {
                body.append("<tr><td class=m>").append(escape(m.mountIdPrefix())).append("&hellip;</td>")
                        .append(num(m.retryRpcClientId())).append("<td>").append(escape(m.state())).append("</td>")
                        .append(num(m.openInodes())).append(num(m.leasesHeld())).append(num(m.leasesWaiting()))
                        .append("</tr>");
            }
            body.append("</table>");
        }
        leases.ifPresent(l -> body.append(leaseSection(v.name(), l)));

        body.append("<h2>Inode-table layout</h2>").append(layoutTable(v.inodeTableLayout()));
        body.append("<h2>Inode table</h2><table><tr><th>Inode</th><th>Head object</th><th>Head length</th></tr>");
        List<InodeTableEntry> table = v.inodeTable();
        for (InodeTableEntry e : table.subList(0, Math.min(MAX_ROWS, table.size()))) {
            body.append("<tr><td>").append(inodeLink(v.name(), e.inodeNumber())).append("</td><td class=m>")
                    .append(escape(e.inodeHeadObjectName())).append("</td>").append(num(e.inodeHeadLength()))
                    .append("</tr>");
        }
        body.append("</table>").append(truncated(table.size(), "/volume/" + encode(v.name())));
        return page("Volume " + escape(v.name()), body.toString());
    }

    static String inode(String volume, InodeGet i) {
        StringBuilder body = new StringBuilder();
        StringBuilder attrs = new StringBuilder();
        row(attrs, "Type", escape(i.inodeType()));
        row(attrs, "Mode", String.format("%04o", i.mode()));
        row(attrs, "User", Long.toUnsignedString(i.userId()));
        row(attrs, "Group", Long.toUnsignedString(i.groupId()));
        row(attrs, "Modified", escape(i.modificationTime()));
        row(attrs, "Status changed", escape(i.statusChangeTime()));
        if (i.size() != null) {
            row(attrs, "Size", Long.toUnsignedString(i.size()));
        }
        if (i.symLinkTarget() != null) {
            row(attrs, "Target", "<code>" + escape(i.symLinkTarget()) + "</code>");
        }
        if (i.dirEntryCount() != null) {
            row(attrs, "Entries", Long.toUnsignedString(i.dirEntryCount()));
            row(attrs, "Directory height", Long.toUnsignedString(i.directoryHeight()));
        }
        if (i.extentCount() != null) {
            row(attrs, "Extents", Long.toUnsignedString(i.extentCount()));
            row(attrs, "Extent-map height", Long.toUnsignedString(i.extentMapHeight()));
        }
        body.append("<p><a href=\"/volume/").append(encode(volume)).append("\">Volume ").append(escape(volume))
                .append("</a></p><table>").append(attrs).append("</table>");

        body.append("<h2>Links</h2><table><tr><th>Parent directory</th><th>Name</th></tr>");
        for (LinkEntry l : i.linkTable()) {
            body.append("<tr><td>").append(inodeLink(volume, l.parentDirInodeNumber())).append("</td><td><code>")
                    .append(escape(l.parentDirEntryName())).append("</code></td></tr>");
        }
        body.append("</table>");
        if (!i.streamTable().isEmpty()) {
            body.append("<h2>Streams</h2><table><tr><th>Name</th><th>Value</th></tr>");
            for (StreamEntry s : i.streamTable()) {
                body.append("<tr><td><code>").append(escape(s.name())).append("</code></td><td class=m>")
                        .append(escape(s.value())).append("</td></tr>");
            }
            body.append("</table>");
        }
        if (i.payload() != null) {
            body.append(payloadTable(volume, i.payload()));
        }
        if (i.layout() != null) {
            body.append("<h2>Layout</h2>").append(layoutTable(i.layout()));
        }
        return page("Volume " + escape(volume) + ", inode " + Long.toUnsignedString(i.inodeNumber()), body.toString());
    }

    private static String payloadTable(String volume, List<?> payload) {
        StringBuilder out = new StringBuilder();
        List<?> shown = payload.subList(0, Math.min(MAX_ROWS, payload.size()));
        if (!payload.isEmpty() && payload.get(0) instanceof DirEntry) {
            out.append("<h2>Directory entries</h2><table><tr><th>Name</th><th>Inode</th><th>Type</th></tr>");
            for (Object o : shown) {
                DirEntry d = (DirEntry) o;
                out.append("<tr><td><code>").append(escape(d.baseName())).append("</code></td><td>")
                        .append(inodeLink(volume, d.inodeNumber())).append("</td><td>").append(escape(d.inodeType()))
                        .append("</td></tr>");
            }
        } else {
            out.append("<h2>Extents</h2><table><tr><th>File offset</th><th>Length</th><th>Object</th>"
                    + "<th>Object offset</th></tr>");
            for (Object o : shown) {
                Extent x = (Extent) o;
                out.append("<tr>").append(num(x.fileOffset())).append(num(x.length())).append("<td class=m>")
                        .append(escape(x.objectName())).append("</td>").append(num(x.objectOffset())).append("</tr>");
            }
        }
        return out.append("</table>").append(truncated(payload.size(), null)).toString();
    }

    private static String leaseSection(String volume, LeaseSnapshot leases) {
        StringBuilder out = new StringBuilder("<h2>Leases</h2><p>");
        boolean first = true;
        for (Map.Entry<InodeLeaseState, Integer> e : leases.countsByState().entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            out.append(first ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().name());
            first = false;
        }
        if (first) {
            return out.append("No leases.</p>").toString();
        }
        out.append("</p><table><tr><th>Inode</th><th>State</th><th>Holders</th><th>Waiting</th>"
                + "<th>Interrupts sent</th><th>Since last grant</th></tr>");
        List<InodeLeaseSnapshot> inodes = leases.inodes();
        for (InodeLeaseSnapshot l : inodes.subList(0, Math.min(MAX_ROWS, inodes.size()))) {
            out.append("<tr><td>").append(inodeLink(volume, l.inodeNumber())).append("</td><td>")
                    .append(l.state().name()).append(l.evicting() ? " (evicting)" : "").append("</td><td class=m>")
                    .append(holders(l.holders())).append("</td><td class=m>").append(holders(l.waiters()))
                    .append("</td>").append(num(l.interruptsSent())).append("<td>")
                    .append(l.sinceLastGrant().map(d -> String.format("%.1f s", d.toMillis() / 1000.0)).orElse(""))
                    .append("</td></tr>");
        }
        return out.append("</table>").append(truncated(inodes.size(), null)).toString();
    }

    private static String holders(List<HolderSnapshot> holders) {
        return holders.stream()
                .map(h -> escape(h.holder().mountId().substring(0, Math.min(8, h.holder().mountId().length())))
                        + "&hellip; " + h.state().name())
                .collect(Collectors.joining("<br>"));
    }

    private static String layoutTable(List<LayoutEntry> layout) {
        if (layout.isEmpty()) {
            return "<p>No objects.</p>";
        }
        StringBuilder out = new StringBuilder("<table><tr><th>Object</th><th>Bytes written</th>"
                + "<th>Bytes referenced</th></tr>");
        for (LayoutEntry e : layout) {
            out.append("<tr><td class=m>").append(escape(e.objectName())).append("</td>").append(num(e.bytesWritten()))
                    .append(num(e.bytesReferenced())).append("</tr>");
        }
        return out.append("</table>").toString();
    }

    private static String truncated(int total, String jsonPath) {
        if (total <= MAX_ROWS) {
            return "";
        }
        return "<p class=note>The first " + MAX_ROWS + " of " + total + " are shown"
                + (jsonPath == null ? "" : "; <code>GET " + jsonPath + "</code> as JSON has them all") + ".</p>";
    }

    private static String state(VolumeInfo v) {
        return v.open() ? "open" : "served, opens at first mount";
    }

    private static String sinceCheckPoint(VolumeStatus s) {
        long ageMillis = (System.nanoTime() - s.lastCheckPointNanos()) / 1_000_000;
        return String.format("%.1f s", ageMillis / 1000.0);
    }

    private static String volumeLink(String name) {
        return "<a href=\"/volume/" + encode(name) + "\">" + escape(name) + "</a>";
    }

    private static String inodeLink(String volume, long inode) {
        String n = Long.toUnsignedString(inode);
        return "<a href=\"/volume/" + encode(volume) + "/inode/" + n + "\">" + n + "</a>";
    }

    private static String num(long value) {
        return "<td class=n>" + Long.toUnsignedString(value) + "</td>";
    }

    private static void row(StringBuilder rows, String name, String value) {
        rows.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>imgr: " + title + "</title><style>"
                + STYLE + "</style></head><body><nav><a href=\"/\">imgr</a><a href=\"/volume\">Volumes</a>"
                + "<a href=\"/config\">Config</a><a href=\"/stats\">Stats</a><a href=\"/version\">Version</a></nav><h1>"
                + title + "</h1>" + body + "</body></html>";
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
