package io.proxyfs.swift;

import java.io.IOException;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swift v1.0 ("tempauth") authentication: {@code GET <authUrl>} with {@code X-Auth-User} and
 * {@code X-Auth-Key} answers {@code X-Auth-Token} and {@code X-Storage-Url}. Authenticates
 * lazily on first use and again whenever {@link #refresh} is called with the current
 * credentials; connection errors and 5xx are retried like any Swift request.
 *
 * <p>Thread-safe: authentication runs under this object's monitor, so concurrent refreshes of
 * the same stale token authenticate once.
 */
public final class TempAuth implements SwiftAuth {
    private static final Logger LOG = LoggerFactory.getLogger(TempAuth.class);

    private final String authUrl;
    private final String user;
    private final String key;
    private final OkHttpClient http;
    private final Backoff backoff;
    private SwiftCredentials credentials; // guarded by this

    /**
     * @param authUrl  e.g. {@code http://127.0.0.1:8080/auth/v1.0}
     * @param user     e.g. {@code test:tester}
     * @param key      e.g. {@code testing}
     * @param settings retry and timeout settings
     */
    public TempAuth(String authUrl, String user, String key, SwiftClientSettings settings) {
        this.authUrl = Objects.requireNonNull(authUrl, "authUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.key = Objects.requireNonNull(key, "key");
        this.backoff = new Backoff(settings);
        this.http = new OkHttpClient.Builder()
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .followRedirects(false)
                .build();
    }

    @Override
    public synchronized SwiftCredentials current() throws IOException {
        if (credentials == null) {
            credentials = authenticate();
        }
        return credentials;
    }

    @Override
    public synchronized SwiftCredentials refresh(SwiftCredentials stale) throws IOException {
        if (credentials != null && !credentials.equals(stale)) {
            return credentials;
        }
        credentials = null;
        credentials = authenticate();
        return credentials;
    }

    private SwiftCredentials authenticate() throws IOException {
        Request request = new Request.Builder().url(authUrl).get()
                .header("X-Auth-User", user).header("X-Auth-Key", key).header("User-Agent", "proxyfs-swift")
                .build();
        for (int retry = 0; ; retry++) {
            int status;
            try (Response response = http.newCall(request).execute()) {
                status = response.code();
                if (status == 200 || status == 204) {
                    String token = response.header("X-Auth-Token");
                    String storageUrl = response.header("X-Storage-Url");
                    if (token == null || storageUrl == null) {
                        throw new SwiftAuthException("AUTH " + authUrl + " failed: HTTP " + status
                                + " without X-Auth-Token and X-Storage-Url", "AUTH", authUrl, status);
                    }
                    LOG.debug("authenticated {} at {}: storage URL {}", user, authUrl, storageUrl);
                    return new SwiftCredentials(token, storageUrl);
                }
                if (!Backoff.retryable(status) || !backoff.mayRetry(retry)) {
                    throw new SwiftAuthException("AUTH " + authUrl + " as " + user + " failed: HTTP " + status
                            + (Backoff.retryable(status) ? " after " + backoff.maxTries() + " tries" : ""),
                            "AUTH", authUrl, status);
                }
            } catch (SwiftException e) {
                throw e;
            } catch (IOException e) {
                if (!backoff.mayRetry(retry)) {
                    throw new SwiftAuthException("AUTH " + authUrl + " failed after " + backoff.maxTries()
                            + " tries: " + e, "AUTH", authUrl, SwiftException.NO_RESPONSE, e);
                }
                status = SwiftException.NO_RESPONSE;
            }
            LOG.debug("AUTH {} got {}; retry {}", authUrl, status, retry + 1);
            backoff.sleep(retry);
        }
    }
}
