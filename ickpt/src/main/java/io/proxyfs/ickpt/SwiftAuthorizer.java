package io.proxyfs.ickpt;

import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.swift.FixedTokenAuth;
import io.proxyfs.swift.SwiftAuthException;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Authorizes each ickpt request as the original's api.go says: a GET of the volume's checkpoint
 * object at Swift with the request's {@code X-Auth-Token}. A 401 or 403 refuses the request (401);
 * a 404 still authorizes it (the token was accepted; the object is just not there yet). A success
 * is remembered for {@link #CACHE_NANOS} per (URL, token) — keyed by a SHA-256 of the pair, so no
 * token is kept — so a stream of commits costs one Swift GET every few seconds. Thread-safe.
 */
final class SwiftAuthorizer {
    /** How long a successful check is trusted: 5 s. */
    static final long CACHE_NANOS = 5_000_000_000L;

    private final SwiftClient swift;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Long> trustedUntil = new ConcurrentHashMap<>();
    private final IckptMetrics metrics;

    SwiftAuthorizer(SwiftClient swift, LongSupplier clock, IckptMetrics metrics) {
        this.swift = swift;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Refuses the request (401, or 502 if Swift cannot be asked) unless the token may read the volume. */
    void authorize(VolumeUrl volume, String token) throws HttpError {
        Long until = trustedUntil.get(cacheKey(volume, token));
        if (until != null && clock.getAsLong() - until < 0) {
            metrics.authCacheHits.inc();
            return;
        }
        fetch(volume, token);
    }

    /** The checkpoint object's content at Swift (empty on 404), authorizing the token on the way. */
    Optional<byte[]> fetch(VolumeUrl volume, String token) throws HttpError {
        long start = System.nanoTime();
        SwiftClient client = swift.withAuth(new FixedTokenAuth(token, volume.container().storageUrl()));
        Optional<byte[]> content;
        try {
            content = Optional.of(client.getObject(volume.container().container(), volume.object()));
        } catch (SwiftAuthException e) {
            metrics.authRefusals.inc();
            throw new HttpError(401, "X-Auth-Token rejected by Swift for " + volume.url());
        } catch (SwiftException e) {
            if (e.status() == 403) {
                metrics.authRefusals.inc();
                throw new HttpError(401, "X-Auth-Token may not read " + volume.url() + " (Swift answered 403)");
            }
            if (!e.isNotFound()) {
                throw new HttpError(502, "cannot authorize at Swift: GET " + volume.url() + " failed: " + e.getMessage());
            }
            content = Optional.empty();
        } catch (IOException e) {
            throw new HttpError(502, "cannot authorize at Swift: GET " + volume.url() + " failed: " + e.getMessage());
        } finally {
            metrics.swiftGets.observeSince(start);
        }
        trustedUntil.put(cacheKey(volume, token), clock.getAsLong() + CACHE_NANOS);
        if (trustedUntil.size() > 10_000) {
            long now = clock.getAsLong();
            trustedUntil.values().removeIf(t -> now - t >= 0);
        }
        return content;
    }

    private static String cacheKey(VolumeUrl volume, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(volume.url().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
