package io.proxyfs.imgr.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.httpstatus.HttpRequest;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.imgr.volume.VolumeAdminException;
import io.proxyfs.imgr.volume.VolumeInfo;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeStatus;
import java.io.IOException;
import java.util.List;

/**
 * The {@code /volume} routes: format, serve, unserve and list, answering as the original
 * ({@code imgr/imgrpkg/http-server.go}): 201 for a format or serve, 204 for an unserve, 400 for a
 * malformed body, 404 for an unknown volume, 409 for a request that conflicts with what is there.
 * Thread-safe (the manager is).
 */
public final class VolumeEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VolumeManager volumes;
    private final int inodeTableMaxKeys;
    private final int rootDirMaxKeys;
    private final Runnable onActivity;

    /**
     * JSON of {@code GET /volume}: the original's Name and StorageURL, without the AuthToken (the
     * mount lists join when imgr's RPC side serves mounts).
     */
    record VolumeJson(@JsonProperty("Name") String name, @JsonProperty("StorageURL") String storageUrl) {
    }

    /** JSON of {@code GET /volume/<name>}: the list fields plus the superblock's figures once open. */
    record VolumeDetailJson(@JsonProperty("Name") String name, @JsonProperty("StorageURL") String storageUrl,
            @JsonProperty("Open") boolean open, @JsonProperty("InodeTableInodeCount") long inodeCount,
            @JsonProperty("InodeObjectCount") long objectCount,
            @JsonProperty("InodeBytesWritten") long bytesWritten,
            @JsonProperty("InodeBytesReferenced") long bytesReferenced,
            @JsonProperty("InodeTableObjectCount") int inodeTableObjects,
            @JsonProperty("PendingDeleteObjectCount") int pendingDeletes,
            @JsonProperty("ReservedToNonce") String reservedToNonce,
            @JsonProperty("CheckPoints") long checkPoints) {
    }

    /**
     * @param volumes the served volumes
     * @param inodeTableMaxKeys {@code InodeTableMaxInodesPerBPlusTreePage}, used when formatting
     * @param rootDirMaxKeys {@code RootDirMaxDirEntriesPerBPlusTreePage}, used when formatting
     * @param onActivity called on {@code GET /volume} and {@code PUT /volume/<name>} (keepalive)
     */
    public VolumeEndpoints(VolumeManager volumes, int inodeTableMaxKeys, int rootDirMaxKeys, Runnable onActivity) {
        this.volumes = volumes;
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
        String name = request.remainder();
        if (name.isEmpty()) {
            onActivity.run();
            List<VolumeInfo> all = volumes.list();
            if (request.wantsHtml()) {
                return HttpResponse.html(StatusPages.volumes(all));
            }
            return HttpResponse.json(all.stream().map(v -> new VolumeJson(v.name(), v.storageUrl())).toList());
        }
        if (name.contains("/")) {
            throw new HttpError(400, "no such resource: " + request.path());
        }
        VolumeInfo info = volumes.get(name).orElseThrow(() -> new HttpError(404, "volume " + name + " is not served"));
        if (request.wantsHtml()) {
            return HttpResponse.html(StatusPages.volume(info));
        }
        VolumeStatus s = info.status().orElse(null);
        return HttpResponse.json(new VolumeDetailJson(info.name(), info.storageUrl(), info.open(),
                s == null ? 0 : s.numInodes(), s == null ? 0 : s.objectCount(), s == null ? 0 : s.bytesWritten(),
                s == null ? 0 : s.bytesReferenced(), s == null ? 0 : s.inodeTableObjects(),
                s == null ? 0 : s.pendingDeletes(), s == null ? "" : Long.toUnsignedString(s.reservedToNonce()),
                info.checkPoints()));
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
