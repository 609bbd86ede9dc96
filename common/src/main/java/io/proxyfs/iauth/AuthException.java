package io.proxyfs.iauth;

/** Authentication failed: no such plug-in, bad settings, or the store refused them. */
public class AuthException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
