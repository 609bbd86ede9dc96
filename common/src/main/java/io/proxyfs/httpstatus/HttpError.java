package io.proxyfs.httpstatus;

/**
 * Ends a request with a 4xx or 5xx status and a one-line reason, sent as the plain-text body.
 * Endpoints throw it for bad requests; nothing they changed should remain changed. Immutable.
 */
public final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String reason) {
        super(reason);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    /** The HTTP status to answer. */
    public int status() {
        return status;
    }
}
