package io.proxyfs.swift;

import java.util.Objects;

/**
 * A token handed over from elsewhere (imgr receives one with each mount) with its storage URL.
 * It cannot re-authenticate: a 401 fails with {@link SwiftAuthException}, which callers map to
 * their "auth token rejected" error; whoever owns the token may then {@link #replace} it.
 *
 * <p>Thread-safe: the credentials are one volatile reference.
 */
public final class FixedTokenAuth implements SwiftAuth {
    private volatile SwiftCredentials credentials;

    public FixedTokenAuth(String token, String storageUrl) {
        this.credentials = new SwiftCredentials(token, storageUrl);
    }

    @Override
    public SwiftCredentials current() {
        return credentials;
    }

    /** Always fails: a fixed token cannot be renewed here. */
    @Override
    public SwiftCredentials refresh(SwiftCredentials stale) throws SwiftAuthException {
        SwiftCredentials now = credentials;
        if (!now.equals(stale)) {
            return now;
        }
        throw new SwiftAuthException("auth token rejected (HTTP 401) and a fixed token cannot be renewed",
                "AUTH", now.storageUrl(), 401);
    }

    /** Installs a new token (e.g. from RenewMount) for the following requests. */
    public void replace(String token) {
        credentials = new SwiftCredentials(Objects.requireNonNull(token, "token"), credentials.storageUrl());
    }
}
