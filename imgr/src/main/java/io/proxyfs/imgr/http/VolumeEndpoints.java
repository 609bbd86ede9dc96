package io.proxyfs.imgr.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.httpstatus.HttpRequest;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.imgr.http.StatusJson.InodeGet;
import io.proxyfs.imgr.http.StatusJson.MountEntry;
import io.proxyfs.imgr.http.StatusJson.VolumeGet;
import io.proxyfs.imgr.http.StatusJson.VolumeListEntry;
import io.proxyfs.imgr.rpc.MountSummary;
import io.proxyfs.imgr.volume.VolumeAdminException;
import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeObjects;
import io.proxyfs.sortedmap.BPlusTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /volume} routes, answering as the original ({@code imgr/imgrpkg/http-server.go}):
 * format (201), serve (201), unserve (204), the list of volumes, a volume's durable state and
 * one of its inodes (JSON, or HTML for a browser); 400 for a malformed request, 404 for an
 * unknown volume or inode, 409 for a request that conflicts with what is there, 401 when Swift
 * refuses the token a status read uses. Thread-safe (the manager and the directory are).
 */
public final class VolumeEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VolumeManager volumes;
    private final int inodeTableMaxKeys;
    private final int rootDirMaxKeys;
    private final Runnable onActivity;
    private final MountDirectory mounts;

    /**
     * @param volumes the served volumes
     * @param mounts the volumes' mounts and leases, for the status routes
     * @param inodeTableMaxKeys {@code InodeTableMaxInodesPerBPlusTreePage}, used when formatting
     * @param rootDirMaxKeys {@code RootDirMaxDirEntriesPerBPlusTreePage}, used when formatting
     * @param onActivity called on {@code GET /volume} and {@code PUT /volume/<name>} (keepalive)
     */
    public VolumeEndpoints(VolumeManager volumes, MountDirectory mounts, int inodeTableMaxKeys, int rootDirMaxKeys,
            Runnable onActivity) {
        this.volumes = volumes;
        this.mounts = mounts;
        this.inodeTableMaxKeys = inodeTableMaxKeys;
        this.rootDirMaxKeys = rootDirMaxKeys;
        this.onActivity = onActivity;
    }

    /** Adds the routes to {@code router}. */
    public Router addTo(Router router) {
        return router
                .add("GET", "/volume/*", this::get)
                .add("POST", "/volume", this::format)
                .add("PUT", "/volume/*", this::serve)
                .add("DELETE", "/volume/*", this::unserve);
    }

    private HttpResponse get(HttpRequest request) throws HttpError {
        String rest = request.remainder();
        if (rest.isEmpty()) {
            return list(request);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length == 1) {
            return volume(request, parts[0]);
        }
        if (parts.length == 3 && parts[1].equals("inode")) {
            return inode(request, parts[0], parts[2]);
        }
        throw new HttpError(400, "no such resource: " + request.path()
                + " (GET /volume, /volume/<name> or /volume/<name>/inode/<number>)");
    }

    private HttpResponse list(HttpRequest request) {
        onActivity.run();
        List<VolumeListEntry> entries = new ArrayList<>();
        List<VolumeInfo> infos = volumes.list();
        for (VolumeInfo v : infos) {
            List<MountSummary> m = mounts.mounts(v.name());
            entries.add(new VolumeListEntry(v.name(), v.storageUrl(), count(m, "Healthy"), 0,
                    count(m, "AuthTokenExpired")));
        }
        if (request.wantsHtml()) {
            return HttpResponse.html(StatusPages.volumes(infos, entries));
        }
        return HttpResponse.json(entries);
    }

    private HttpResponse volume(HttpRequest request, String name) throws HttpError {
        VolumeInfo info = volumes.get(name).orElseThrow(() -> notServed(name));
        VolumeObjects objects = volumes.durableObjects(name, request.header("X-Auth-Token").orElse(""))
                .orElseThrow(() -> notServed(name));
        VolumeReports.Durable durable = VolumeReports.durable(name, objects);
        BPlusTree.Dimensions d;
        try {
            d = durable.inodeTable().dimensions();
        } catch (RuntimeException e) {
            throw VolumeReports.failure(name, "reading its inode table", e);
        }
        List<MountSummary> m = mounts.mounts(name);
        SuperBlockV1 sb = durable.superBlock();
        VolumeGet body = new VolumeGet(name, info.storageUrl(), count(m, "Healthy"), 0, count(m, "AuthTokenExpired"),
                ObjectNames.nameOf(durable.checkPoint().superBlockObjectNumber()),
                durable.checkPoint().superBlockLength(), durable.checkPoint().reservedToNonce(), d.minKeysPerNode(),
                d.maxKeysPerNode(), d.items(), d.height(), VolumeReports.layout(sb.inodeTableLayout()),
                sb.inodeObjectCount(), sb.inodeBytesWritten(), sb.inodeBytesReferenced(),
                sb.pendingDeleteObjectNumberArray().stream().map(ObjectNames::nameOf).toList(),
                VolumeReports.inodeTable(name, durable),
                m.stream().map(s -> new MountEntry(s.mountIdPrefix(), s.retryRpcClientId(), s.state(), s.openInodes(),
                        s.leasesHeld(), s.leasesWaiting())).toList());
        if (request.wantsHtml()) {
            return HttpResponse.html(StatusPages.volume(info, body, mounts.leases(name)));
        }
        return HttpResponse.json(body);
    }

    private HttpResponse inode(HttpRequest request, String name, String number) throws HttpError {
        long inodeNumber;
        try {
            inodeNumber = Long.parseUnsignedLong(number);
        } catch (NumberFormatException e) {
            throw new HttpError(400, "inode number must be a decimal u64, not \"" + number + "\"");
        }
        volumes.get(name).orElseThrow(() -> notServed(name));
        VolumeObjects objects = volumes.durableObjects(name, request.header("X-Auth-Token").orElse(""))
                .orElseThrow(() -> notServed(name));
        InodeGet body = VolumeReports.inode(name, objects, inodeNumber).orElseThrow(() -> new HttpError(404,
                "volume " + name + " has no inode " + Long.toUnsignedString(inodeNumber) + " (as of its last checkpoint)"));
        if (request.wantsHtml()) {
            return HttpResponse.html(StatusPages.inode(name, body));
        }
        return HttpResponse.json(body);
    }

    private static long count(List<MountSummary> mounts, String state) {
        return mounts.stream().filter(m -> m.state().equals(state)).count();
    }

    private static HttpError notServed(String name) {
        return new HttpError(404, "volume " + name + " is not served");
    }

    private HttpResponse format(HttpRequest request) throws HttpError {
        JsonNode body = body(request);
        try {
            volumes.format(text(body, "StorageURL"), text(body, "AuthToken"), inodeTableMaxKeys, rootDirMaxKeys);
        } catch (VolumeAdminException e) {
            throw error(e, 409);
        }
        return HttpResponse.empty(201);
    }

    private HttpResponse serve(HttpRequest request) throws HttpError {
        String name = request.remainder();
        if (name.isEmpty() || name.contains("/")) {
            throw new HttpError(400, "PUT /volume/<name> needs a volume name");
        }
        JsonNode body = body(request);
        onActivity.run();
        try {
            volumes.serve(name, text(body, "StorageURL"), body.path("AuthToken").asText(""));
        } catch (VolumeAdminException e) {
            throw error(e, 409);
        }
        return HttpResponse.empty(201);
    }

    private HttpResponse unserve(HttpRequest request) throws HttpError {
        try {
            volumes.unserve(request.remainder());
        } catch (VolumeAdminException e) {
            throw error(e, 404);
        }
        return HttpResponse.empty(204);
    }

    private static JsonNode body(HttpRequest request) throws HttpError {
        try {
            JsonNode node = JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpError(400, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "the body cannot be read: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) throws HttpError {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new HttpError(400, field + " is missing from the body");
        }
        return value.asText();
    }

    private static HttpError error(VolumeAdminException e, int otherwise) {
        int status = switch (e.reason()) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STORAGE -> otherwise == 404 ? 409 : otherwise;
        };
        return new HttpError(status, e.getMessage());
    }
}
