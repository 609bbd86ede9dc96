package io.proxyfs.swift;

import java.util.Objects;

/**
 * A token and the storage (account) URL it is valid for. Immutable. {@link #toString()} never
 * shows the token.
 *
 * @param token      value for {@code X-Auth-Token}
 * @param storageUrl account URL, e.g. {@code http://127.0.0.1:8080/v1/AUTH_test}
 */
public record SwiftCredentials(String token, String storageUrl) {
    public SwiftCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(storageUrl, "storageUrl");
        while (storageUrl.endsWith("/")) {
            storageUrl = storageUrl.substring(0, storageUrl.length() - 1);
        }
    }

    @Override
    public String toString() {
        return "SwiftCredentials[token=<redacted>, storageUrl=" + storageUrl + "]";
    }
}
