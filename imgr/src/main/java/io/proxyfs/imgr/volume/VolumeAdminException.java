package io.proxyfs.imgr.volume;

/**
 * A volume administration request (format, serve, unserve) was refused; {@link #reason()} says
 * how the REST API answers it. Nothing was changed. Immutable.
 */
public final class VolumeAdminException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        /** The request itself is malformed (400). */
        BAD_REQUEST,
        /** The volume is not served (404). */
        NOT_FOUND,
        /** The request conflicts with the volume's or container's state (409). */
        CONFLICT,
        /** Swift could not be reached or refused the token (503 / 401 as the caller decides). */
        STORAGE
    }

    private final Reason reason;

    public VolumeAdminException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VolumeAdminException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the request was refused. */
    public Reason reason() {
        return reason;
    }
}
