package io.proxyfs.swift;

/**
 * Swift refused the credentials (401) and they could not be renewed, or authentication itself
 * failed. Callers holding a fixed token map this to their "auth token rejected" error. Immutable.
 */
public class SwiftAuthException extends SwiftException {
    private static final long serialVersionUID = 1L;

    public SwiftAuthException(String message, String method, String object, int status) {
        super(message, method, object, status);
    }

    public SwiftAuthException(String message, String method, String object, int status, Throwable cause) {
        super(message, method, object, status, cause);
    }
}
