package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the emulator's HTTP API (see the package documentation) on top of {@link ObjectStore},
 * {@link TokenRegistry} and {@link FaultInjector}.
 *
 * <p>It extends {@link Handler.Abstract}, not {@code NonBlocking}: object bodies are streamed
 * with blocking reads and writes (to memory or disk), which Jetty then runs on a pool thread.
 * Every path completes the callback exactly once. Thread-safe: it holds no per-request state.
 */
final class SwiftHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SwiftHandler.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int MAX_CONTAINER_NAME = 256;
    private static final int MAX_OBJECT_NAME = 1024;
    /** Swift's default {@code max_file_size}: a PUT declaring more gets 413, as from Swift. */
    static final long MAX_FILE_SIZE = 5_368_709_122L;
    /** The largest {@code POST /_fault} body read: 64 KiB (a rule is a few hundred bytes). */
    private static final int MAX_FAULT_BODY = 64 * 1024;

    private final ObjectStore store;
    private final TokenRegistry tokens;
    private final FaultInjector faults;
    private final FaultAdmin faultAdmin;
    private final int listingLimit;

    SwiftHandler(ObjectStore store, TokenRegistry tokens, FaultInjector faults, int listingLimit) {
        this.store = store;
        this.tokens = tokens;
        this.faults = faults;
        this.faultAdmin = new FaultAdmin(faults);
        this.listingLimit = listingLimit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        if (path.equals("/_fault")) {
            handleFaultAdmin(request, response, callback, method);
            return true;
        }
        Optional<FaultRule> fault = faults.onRequest(method, path);
        if (fault.isPresent()) {
            FaultRule rule = fault.get();
            switch (rule.action()) {
                case FAIL -> {
                    text(response, callback, rule.status(), "injected fault\n");
                    return true;
                }
                case DROP -> {
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.succeeded();
                    return true;
                }
                case DELAY -> Thread.sleep(rule.delay().toMillis());
            }
        }
        try {
            route(request, response, callback, method, path);
        } catch (IOException e) {
            LOG.debug("{} {} failed: {}", method, path, e.toString());
            callback.failed(e);
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback, String method, String path)
            throws IOException {
        if (method.equals("GET") && path.equals("/healthcheck")) {
            text(response, callback, 200, "OK");
            return;
        }
        if (method.equals("GET") && path.equals("/info")) {
            json(response, callback, 200, "{\"swift\":{\"container_listing_limit\":" + listingLimit
                    + ",\"account_listing_limit\":" + listingLimit + ",\"max_container_name_length\":"
                    + MAX_CONTAINER_NAME + ",\"max_object_name_length\":" + MAX_OBJECT_NAME + ",\"max_file_size\":"
                    + MAX_FILE_SIZE + "}}");
            return;
        }
        if (path.equals("/auth/v1.0") || path.equals("/auth/v1.0/")) {
            authenticate(request, response, callback, method);
            return;
        }
        if (!path.startsWith("/v1/")) {
            text(response, callback, 404, "Not Found\n");
            return;
        }
        String[] parts = path.substring(4).split("/", 3);
        String account = parts[0];
        String token = request.getHeaders().get("X-Auth-Token");
        if (token == null) {
            token = request.getHeaders().get("X-Storage-Token");
        }
        Optional<SwiftAccount> granted = tokens.validate(token);
        if (granted.isEmpty()) {
            text(response, callback, 401, "Unauthorized\n");
            return;
        }
        if (!granted.get().account().equals(account)) {
            text(response, callback, 403, "Forbidden\n");
            return;
        }
        String container = parts.length > 1 ? parts[1] : "";
        String object = parts.length > 2 ? parts[2] : "";
        if (container.isEmpty()) {
            account(request, response, callback, method, account);
        } else if (object.isEmpty()) {
            container(request, response, callback, method, account, container);
        } else {
            object(request, response, callback, method, account, container, object);
        }
    }

    private void authenticate(Request request, Response response, Callback callback, String method) {
        if (!method.equals("GET")) {
            text(response, callback, 405, "Method Not Allowed\n");
            return;
        }
        Optional<TokenRegistry.Issued> issued = tokens.authenticate(request.getHeaders().get("X-Auth-User"),
                request.getHeaders().get("X-Auth-Key"));
        if (issued.isEmpty()) {
            text(response, callback, 401, "Unauthorized\n");
            return;
        }
        String storageUrl = "http://" + Request.getServerName(request) + ":" + Request.getServerPort(request)
                + "/v1/" + issued.get().account().account();
        response.getHeaders().put("X-Auth-Token", issued.get().token());
        response.getHeaders().put("X-Storage-Token", issued.get().token());
        response.getHeaders().put("X-Storage-Url", storageUrl);
        text(response, callback, 200, "");
    }

    private void account(Request request, Response response, Callback callback, String method, String account) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            text(response, callback, 405, "Method Not Allowed\n");
            return;
        }
        if (!store.accountExists(account)) {
            text(response, callback, 404, "Not Found\n");
            return;
        }
        Optional<Query> q = query(request, response, callback);
        if (q.isEmpty()) {
            return;
        }
        List<ObjectStore.ContainerStats> list = store.listContainers(account, q.get().marker, q.get().prefix,
                q.get().limit);
        if (method.equals("HEAD")) {
            noContent(response, callback, 204);
        } else if (q.get().json) {
            json(response, callback, 200, Listings.containersJson(list));
        } else {
            listingText(response, callback, Listings.containersText(list));
        }
    }

    private void container(Request request, Response response, Callback callback, String method, String account,
            String container) throws IOException {
        if (container.length() > MAX_CONTAINER_NAME) {
            text(response, callback, 400, "Container name too long\n");
            return;
        }
        switch (method) {
            case "PUT" -> noContent(response, callback,
                    store.createContainer(account, container) == ObjectStore.Outcome.CREATED ? 201 : 202);
            case "DELETE" -> {
                switch (store.deleteContainer(account, container)) {
                    case DELETED -> noContent(response, callback, 204);
                    case NOT_EMPTY -> text(response, callback, 409, "There was a conflict when trying to complete "
                            + "your request.\n");
                    default -> text(response, callback, 404, "Not Found\n");
                }
            }
            case "HEAD", "GET" -> {
                Optional<ObjectStore.ContainerStats> stats = store.headContainer(account, container);
                if (stats.isEmpty()) {
                    text(response, callback, 404, "Not Found\n");
                    return;
                }
                response.getHeaders().put("X-Container-Object-Count", stats.get().objectCount());
                response.getHeaders().put("X-Container-Bytes-Used", stats.get().bytesUsed());
                if (method.equals("HEAD")) {
                    noContent(response, callback, 204);
                    return;
                }
                listContainer(request, response, callback, account, container);
            }
            default -> text(response, callback, 405, "Method Not Allowed\n");
        }
    }

    private void listContainer(Request request, Response response, Callback callback, String account,
            String container) {
        Optional<Query> q = query(request, response, callback);
        if (q.isEmpty()) {
            return;
        }
        Optional<List<StoredObject>> list = store.listObjects(account, container, q.get().marker, q.get().prefix,
                q.get().limit);
        if (list.isEmpty()) {
            text(response, callback, 404, "Not Found\n");
        } else if (q.get().json) {
            json(response, callback, 200, Listings.objectsJson(list.get()));
        } else {
            listingText(response, callback, Listings.objectsText(list.get()));
        }
    }

    private void object(Request request, Response response, Callback callback, String method, String account,
            String container, String object) throws IOException {
        if (object.length() > MAX_OBJECT_NAME) {
            text(response, callback, 400, "Object name too long\n");
            return;
        }
        switch (method) {
            case "PUT" -> putObject(request, response, callback, account, container, object);
            case "GET", "HEAD" -> getObject(request, response, callback, method, account, container, object);
            case "DELETE" -> noContent(response, callback, store.deleteObject(account, container, object) ? 204 : 404);
            default -> text(response, callback, 405, "Method Not Allowed\n");
        }
    }

    private void putObject(Request request, Response response, Callback callback, String account, String container,
            String object) throws IOException {
        String transferEncoding = request.getHeaders().get(HttpHeader.TRANSFER_ENCODING);
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase().contains("chunked");
        if (request.getHeaders().get(HttpHeader.CONTENT_LENGTH) == null && !chunked) {
            text(response, callback, 411, "Length Required\n");
            return;
        }
        if (request.getLength() > MAX_FILE_SIZE) {
            text(response, callback, 413, "Your request is too large.\n");   // Swift's max_file_size
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        Optional<StoredObject> stored;
        try (InputStream body = Content.Source.asInputStream(request)) {
            stored = store.putObject(account, container, object,
                    contentType == null ? "application/octet-stream" : contentType,
                    request.getHeaders().get(HttpHeader.ETAG), request.getLength(), body);
        } catch (ObjectStore.EtagMismatchException e) {
            text(response, callback, 422, "Unprocessable Entity\n");
            return;
        }
        if (stored.isEmpty()) {
            text(response, callback, 404, "Not Found\n");
            return;
        }
        response.getHeaders().put(HttpHeader.ETAG, stored.get().etag());
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(stored.get().lastModified()));
        text(response, callback, 201, "");
    }

    private void getObject(Request request, Response response, Callback callback, String method, String account,
            String container, String object) throws IOException {
        Optional<StoredObject> found = store.getObject(account, container, object);
        if (found.isEmpty()) {
            text(response, callback, 404, "Not Found\n");
            return;
        }
        StoredObject o = found.get();
        response.getHeaders().put(HttpHeader.ETAG, o.etag());
        response.getHeaders().put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(o.lastModified()));
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, o.contentType());
        response.getHeaders().put("X-Timestamp", String.format("%d.%05d", o.lastModified().getEpochSecond(),
                o.lastModified().getNano() / 10_000));
        if (method.equals("HEAD")) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, o.length());
            noContent(response, callback, 200);
            return;
        }
        long first = 0;
        long length = o.length();
        ByteRange.Request asked = ByteRange.parse(request.getHeaders().get(HttpHeader.RANGE), o.length());
        if (asked instanceof ByteRange.Unsatisfiable) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + o.length());
            text(response, callback, 416, "Requested Range Not Satisfiable\n");
            return;
        }
        if (asked instanceof ByteRange.Partial partial) {
            first = partial.range().first();
            length = partial.range().length();
            response.getHeaders().put(HttpHeader.CONTENT_RANGE,
                    "bytes " + first + "-" + partial.range().last() + "/" + o.length());
            response.setStatus(206);
        } else {
            response.setStatus(200);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        try (InputStream in = o.blob().open(first, length);
             OutputStream out = Content.Sink.asOutputStream(response)) {
            in.transferTo(out);
        }
        callback.succeeded();
    }

    private void handleFaultAdmin(Request request, Response response, Callback callback, String method)
            throws IOException {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress inet) || !inet.getAddress().isLoopbackAddress()) {
            text(response, callback, 403, "fault admin is for loopback callers only\n");
            return;
        }
        switch (method) {
            case "GET" -> json(response, callback, 200, faultAdmin.list());
            case "DELETE" -> {
                faultAdmin.clear();
                noContent(response, callback, 204);
            }
            case "POST" -> {
                byte[] bytes = new byte[0];
                if (request.getLength() <= MAX_FAULT_BODY) {
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        bytes = in.readNBytes(MAX_FAULT_BODY + 1);
                    }
                }
                if (request.getLength() > MAX_FAULT_BODY || bytes.length > MAX_FAULT_BODY) {
                    text(response, callback, 413, "a fault rule is at most " + MAX_FAULT_BODY + " bytes\n");
                    return;
                }
                String body = new String(bytes, StandardCharsets.UTF_8);
                try {
                    faultAdmin.add(body);
                } catch (IllegalArgumentException e) {
                    text(response, callback, 400, e.getMessage() + "\n");
                    return;
                }
                noContent(response, callback, 201);
            }
            default -> text(response, callback, 405, "Method Not Allowed\n");
        }
    }

    /** Listing parameters; empty (and a 412/400 already sent) when they are invalid. */
    private Optional<Query> query(Request request, Response response, Callback callback) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request);
        } catch (IllegalArgumentException e) {
            text(response, callback, 400, "Bad query string\n");      // as Swift answers a bad %-escape
            return Optional.empty();
        }
        String marker = valueOr(fields, "marker", "");
        String prefix = valueOr(fields, "prefix", "");
        String format = valueOr(fields, "format", "plain");
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean json = format.equals("json") || (fields.get("format") == null && accept != null
                && accept.startsWith("application/json"));
        int limit = listingLimit;
        String limitText = fields.getValue("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                text(response, callback, 412, "Value of limit must be a positive integer\n");
                return Optional.empty();
            }
            if (limit < 0 || limit > listingLimit) {
                text(response, callback, 412, "Maximum limit is " + listingLimit + "\n");
                return Optional.empty();
            }
        }
        return Optional.of(new Query(marker, prefix, limit, json));
    }

    private static String valueOr(Fields fields, String name, String dflt) {
        String v = fields.getValue(name);
        return v == null ? dflt : v;
    }

    private record Query(String marker, String prefix, int limit, boolean json) {
    }

    private static void listingText(Response response, Callback callback, String body) {
        if (body.isEmpty()) {
            noContent(response, callback, 204);
        } else {
            text(response, callback, 200, body);
        }
    }

    private static void noContent(Response response, Callback callback, int status) {
        response.setStatus(status);
        if (status != 204 && response.getHeaders().get(HttpHeader.CONTENT_LENGTH) == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        }
        callback.succeeded();
    }

    private static void text(Response response, Callback callback, int status, String body) {
        send(response, callback, status, "text/plain; charset=utf-8", body);
    }

    private static void json(Response response, Callback callback, int status, String body) {
        send(response, callback, status, "application/json; charset=utf-8", body);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }
}
