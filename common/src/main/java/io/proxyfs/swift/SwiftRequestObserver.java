package io.proxyfs.swift;

/**
 * Told about every HTTP try a {@link SwiftClient} makes (retries and re-authentications are tries
 * of their own), for metrics. Called on the requesting thread once the response headers arrived
 * (or the try failed); implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface SwiftRequestObserver {
    /**
     * @param method        the HTTP verb
     * @param status        the HTTP status, or {@link SwiftException#NO_RESPONSE} when the try failed
     * @param nanos         time until the response headers (or the failure)
     * @param bytesSent     request body bytes (0 without a body, -1 when unknown)
     * @param bytesReceived the response's Content-Length (-1 when unknown or none)
     */
    void tried(String method, int status, long nanos, long bytesSent, long bytesReceived);

    /** An observer that does nothing. */
    SwiftRequestObserver NONE = (m, s, n, out, in) -> { };
}
