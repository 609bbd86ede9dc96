package io.proxyfs.imgrapi;

import java.util.Optional;

/**
 * The error prefixes imgr's RPCs put at the start of an error string, exactly as the original
 * ({@code imgr/imgrpkg/api.go}); a Go client matches on them, so they are part of the protocol.
 * Note that {@code ETooManyMounts} and {@code ETooManyOpens} carry no colon in the original.
 */
public enum ImgrError {
    AUTH_TOKEN_REJECTED("EAuthTokenRejected:"),
    BAD_OPEN_COUNT_ADJUSTMENT("EBadOpenCountAdjustment:"),
    LEASE_REQUEST_DENIED("ELeaseRequestDenied:"),
    MISSING_LEASE("EMissingLease:"),
    TOO_MANY_MOUNTS("ETooManyMounts"),
    TOO_MANY_OPENS("ETooManyOpens"),
    VOLUME_BEING_DELETED("EVolumeBeingDeleted:"),
    UNKNOWN_INODE_NUMBER("EUnknownInodeNumber:"),
    UNKNOWN_MOUNT_ID("EUnknownMountID:"),
    UNKNOWN_VOLUME_NAME("EUnknownVolumeName:");

    private final String prefix;

    ImgrError(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix as it appears on the wire. */
    public String prefix() {
        return prefix;
    }

    /** The error string imgr sends: the prefix, a blank, then the detail. */
    public String format(String detail) {
        return prefix + " " + detail;
    }

    /** The error an RPC error string starts with, if it is one of imgr's. */
    public static Optional<ImgrError> of(String errorString) {
        if (errorString == null) {
            return Optional.empty();
        }
        for (ImgrError e : values()) {
            if (errorString.startsWith(e.prefix)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
