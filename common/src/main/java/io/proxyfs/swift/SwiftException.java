package io.proxyfs.swift;

/**
 * A Swift request that failed for good: after its retries, or at once for a status that is not
 * retried. The message names the method, the object (container/object path or URL without
 * token) and the HTTP status; it never contains a token. Immutable.
 */
public class SwiftException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no HTTP response was received (connection error, timeout). */
    public static final int NO_RESPONSE = -1;

    private final String method;
    private final String object;
    private final int status;

    public SwiftException(String message, String method, String object, int status) {
        super(message);
        this.method = method;
        this.object = object;
        this.status = status;
    }

    public SwiftException(String message, String method, String object, int status, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.object = object;
        this.status = status;
    }

    /** HTTP method of the failed request ({@code AUTH} for authentication). */
    public String method() {
        return method;
    }

    /** What was addressed: {@code container}, {@code container/object}, or a URL. */
    public String object() {
        return object;
    }

    /** HTTP status of the last response, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** True for a 404. */
    public boolean isNotFound() {
        return status == 404;
    }
}
