package io.proxyfs.iauth;

import java.util.Objects;

/**
 * What a successful {@link AuthPlugIn#performAuth} returns. {@link #toString()} never shows the
 * token. Immutable, so thread-safe.
 *
 * @param authToken the token to send as {@code X-Auth-Token}
 * @param storageUrl the volume's container URL, e.g. {@code http://127.0.0.1:8080/v1/AUTH_test/con}
 */
public record AuthResult(String authToken, String storageUrl) {
    /** Refuses nulls and empty values. */
    public AuthResult {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(storageUrl, "storageUrl");
        if (authToken.isEmpty() || storageUrl.isEmpty()) {
            throw new IllegalArgumentException("an auth result needs a token and a storage URL");
        }
    }

    @Override
    public String toString() {
        return "AuthResult[storageUrl=" + storageUrl + ", authToken=<redacted>]";
    }
}
