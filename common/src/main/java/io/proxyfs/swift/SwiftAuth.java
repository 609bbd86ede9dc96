package io.proxyfs.swift;

import java.io.IOException;

/**
 * Where a {@link SwiftClient} gets its token and storage URL.
 *
 * <p>Implementations must be thread-safe: many requests call {@link #current()} concurrently,
 * and several may call {@link #refresh} at once after the same token was rejected; they should
 * then authenticate once and hand all of them the new credentials.
 */
public interface SwiftAuth {
    /** The credentials to use now, authenticating first if there are none yet. */
    SwiftCredentials current() throws IOException;

    /**
     * Replaces credentials Swift rejected with 401. If {@code stale} is no longer current
     * (another caller refreshed meanwhile) returns the current ones without authenticating.
     *
     * @throws SwiftAuthException when new credentials cannot be had (e.g. a fixed token)
     */
    SwiftCredentials refresh(SwiftCredentials stale) throws IOException;
}
