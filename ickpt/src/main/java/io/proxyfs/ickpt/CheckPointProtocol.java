package io.proxyfs.ickpt;

import io.proxyfs.httpstatus.Endpoint;
import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.httpstatus.HttpRequest;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ickpt's protocol, as the original's api.go documents it (whose handlers were never written):
 * <ul>
 * <li>{@code PUT /<txn>} stages the body (a checkpoint text) for the volume named by
 *     {@code X-Storage-Url}: 204; 409 if it is older than the committed checkpoint.</li>
 * <li>{@code DELETE /<txn>} stages the removal of the volume's checkpoint: 204.</li>
 * <li>{@code POST /<txn>} commits what {@code <txn>} staged, synced to disk before the answer:
 *     204; 404 if nothing is staged under that id (never staged, or expired after
 *     {@code TransactionTimeout}); 409 if a newer checkpoint was committed meanwhile. A repeated
 *     POST of a committed id answers 204 again.</li>
 * <li>{@code GET /} answers 200 with the committed checkpoint ({@code X-Checkpoint-Source: ickpt}),
 *     or, if ickpt holds none, with what Swift holds ({@code X-Checkpoint-Source: swift}); 404 if
 *     neither has one.</li>
 * <li>{@code HEAD /} answers 204 while the instance is healthy (its database answers).</li>
 * </ul>
 * Every request but HEAD needs {@code X-Storage-Url} and {@code X-Auth-Token}, and is authorized
 * by Swift ({@link SwiftAuthorizer}). Bad input is a 4xx with a one-line reason and changes
 * nothing. Transaction ids are 1 to 64 characters of {@code [A-Za-z0-9._-]}. Thread-safe: changes
 * of one volume are serialized by a striped lock; nothing is held across the Swift GET.
 */
final class CheckPointProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(CheckPointProtocol.class);
    private static final Pattern TXN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String SOURCE_HEADER = "X-Checkpoint-Source";

    private final CheckPointStore store;
    private final Transactions transactions;
    private final SwiftAuthorizer authorizer;
    private final IckptMetrics metrics;
    private final BooleanSupplier healthy;
    private final ReentrantLock[] locks = new ReentrantLock[64];

    CheckPointProtocol(CheckPointStore store, Transactions transactions, SwiftAuthorizer authorizer,
            IckptMetrics metrics, BooleanSupplier healthy) {
        this.store = store;
        this.transactions = transactions;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.healthy = healthy;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Adds the protocol's routes; {@code browserPage} answers a GET / without X-Storage-Url from a browser. */
    Router addTo(Router router, Endpoint browserPage) {
        return router
                .add("HEAD", "/", measured("head", r -> {
                    if (!healthy.getAsBoolean()) {
                        throw new HttpError(503, "ickpt is not healthy");
                    }
                    return HttpResponse.empty(204);
                }))
                .add("GET", "/", r -> r.header("X-Storage-Url").isEmpty() && r.wantsHtml() ? browserPage.handle(r)
                        : measured("get", this::get).handle(r))
                .add("PUT", "/*", measured("stage_put", this::stagePut))
                .add("DELETE", "/*", measured("stage_delete", this::stageDelete))
                .add("POST", "/*", measured("commit", this::commit));
    }

    private Endpoint measured(String op, Endpoint endpoint) {
        return request -> {
            long start = System.nanoTime();
            try {
                HttpResponse answer = endpoint.handle(request);
                metrics.request(op, answer.status(), start);
                return answer;
            } catch (HttpError e) {
                metrics.request(op, e.status(), start);
                if (e.status() == 409) {
                    metrics.staleRefusals.inc();
                }
                LOG.debug("{} {} refused: {} {}", request.method(), request.path(), e.status(), e.getMessage());
                throw e;
            } catch (Exception e) {
                metrics.request(op, 500, start);
                throw e;
            }
        };
    }

    private HttpResponse get(HttpRequest request) throws HttpError, IOException {
        VolumeUrl volume = volume(request);
        String token = token(request);
        noBody(request);
        Optional<byte[]> committed = store.get(volume.key());
        if (committed.isPresent()) {
            authorizer.authorize(volume, token);
            return new HttpResponse(200, "text/plain", Map.of(SOURCE_HEADER, "ickpt"), committed.get());
        }
        Optional<byte[]> inSwift = authorizer.fetch(volume, token);
        if (inSwift.isEmpty()) {
            throw new HttpError(404, "no checkpoint for " + volume.url() + " in ickpt or in Swift");
        }
        return new HttpResponse(200, "text/plain", Map.of(SOURCE_HEADER, "swift"), inSwift.get());
    }

    private HttpResponse stagePut(HttpRequest request) throws HttpError, IOException {
        String txn = txn(request);
        VolumeUrl volume = volume(request);
        String token = token(request);
        byte[] body = request.body();
        CheckPointOrder.parse(body);
        authorizer.authorize(volume, token);
        CheckPointOrder.requireNotOlder(volume.url(), body, store.get(volume.key()));
        if (!transactions.stage(txn, volume.key(), Optional.of(body))) {
            throw new HttpError(409, "transaction " + txn + " is in use for another volume");
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse stageDelete(HttpRequest request) throws HttpError {
        String txn = txn(request);
        VolumeUrl volume = volume(request);
        String token = token(request);
        noBody(request);
        authorizer.authorize(volume, token);
        if (!transactions.stage(txn, volume.key(), Optional.empty())) {
            throw new HttpError(409, "transaction " + txn + " is in use for another volume");
        }
        return HttpResponse.empty(204);
    }

    private HttpResponse commit(HttpRequest request) throws HttpError, IOException {
        String txn = txn(request);
        VolumeUrl volume = volume(request);
        String token = token(request);
        noBody(request);
        authorizer.authorize(volume, token);
        ReentrantLock lock = locks[Math.floorMod(volume.key().hashCode(), locks.length)];
        lock.lock();
        try {
            Optional<Transactions.Stage> stage = transactions.get(txn);
            if (stage.isEmpty()) {
                if (transactions.wasCommitted(txn, volume.key())) {
                    return HttpResponse.empty(204);
                }
                throw new HttpError(404, "nothing staged under transaction " + txn
                        + " (never staged, already expired or committed for another volume)");
            }
            Transactions.Stage s = stage.get();
            if (!s.key().equals(volume.key())) {
                throw new HttpError(409, "transaction " + txn + " was staged for another volume");
            }
            long start = System.nanoTime();
            if (s.value().isPresent()) {
                CheckPointOrder.requireNotOlder(volume.url(), s.value().get(), store.get(volume.key()));
                store.put(volume.key(), s.value().get());
            } else {
                store.delete(volume.key());
            }
            metrics.rocksWrites.observeSince(start);
            metrics.commits.inc();
            transactions.committed(txn, s);
        } finally {
            lock.unlock();
        }
        return HttpResponse.empty(204);
    }

    private static String txn(HttpRequest request) throws HttpError {
        String txn = request.remainder();
        if (txn.isEmpty()) {
            throw new HttpError(400, request.method() + " needs a transaction id: " + request.method() + " /<txn>");
        }
        if (!TXN.matcher(txn).matches()) {
            throw new HttpError(400, "bad transaction id \"" + abbreviate(txn)
                    + "\": 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        return txn;
    }

    private static VolumeUrl volume(HttpRequest request) throws HttpError {
        String url = request.header("X-Storage-Url").orElseThrow(() -> new HttpError(400,
                "X-Storage-Url header missing: it names the volume (the URL of its checkpoint object)"
                + (request.method().equals("GET") ? "; status pages: /status /stats /metrics /config /version" : "")));
        return VolumeUrl.parse(url);
    }

    private static String token(HttpRequest request) throws HttpError {
        String token = request.header("X-Auth-Token").orElse("");
        if (token.isEmpty()) {
            throw new HttpError(400, "X-Auth-Token header missing: every request is authorized by Swift");
        }
        return token;
    }

    private static void noBody(HttpRequest request) throws HttpError {
        if (request.body().length != 0) {
            throw new HttpError(400, request.method() + " takes no body (got " + request.body().length + " bytes)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
