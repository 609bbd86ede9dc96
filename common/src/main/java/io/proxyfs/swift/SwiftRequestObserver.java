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

    /**
     * An observer counting into {@code registry} as {@code <prefix>_swift_requests_total{verb,status}}
     * (status class), {@code <prefix>_swift_request_duration_seconds{verb}}, and the body bytes sent
     * and the object bytes a GET received ({@code <prefix>_swift_bytes_written_total},
     * {@code <prefix>_swift_bytes_read_total}).
     */
    static SwiftRequestObserver counting(io.proxyfs.httpstatus.MetricRegistry registry, String prefix) {
        return (verb, status, nanos, sent, received) -> {
            String statusClass = status < 0 ? "none" : (status / 100) + "xx";
            registry.counter(prefix + "_swift_requests_total", "Swift request tries by verb and status class",
                    "verb", verb, "status", statusClass).inc();
            registry.histogram(prefix + "_swift_request_duration_seconds",
                    "Swift request latency (to the headers) by verb", "verb", verb).observeNanos(nanos);
            if (sent > 0) {
                registry.counter(prefix + "_swift_bytes_written_total", "request body bytes sent to Swift").add(sent);
            }
            if (received > 0 && verb.equals("GET")) {
                registry.counter(prefix + "_swift_bytes_read_total", "object bytes read from Swift").add(received);
            }
        };
    }
}
