package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What imgr answered to a {@code Lease} request; on the wire, the original's number. */
public enum LeaseResponseType {
    /** request denied (e.g. promotion deadlock avoidance). */
    DENIED(0),
    /** Shared lease granted. */
    SHARED(1),
    /** Shared lease promoted to Exclusive. */
    PROMOTED(2),
    /** Exclusive lease granted. */
    EXCLUSIVE(3),
    /** Exclusive lease demoted to Shared. */
    DEMOTED(4),
    /** lease released. */
    RELEASED(5);

    private final int code;

    LeaseResponseType(int code) {
        this.code = code;
    }

    /** The number the original sends for this value. */
    @JsonValue
    public int code() {
        return code;
    }

    /** The value for a number received over the wire; refuses unknown numbers. */
    @JsonCreator
    public static LeaseResponseType of(int code) {
        for (LeaseResponseType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown LeaseResponseType " + code);
    }
}
