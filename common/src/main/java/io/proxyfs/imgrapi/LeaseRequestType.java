package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The lease operation a {@code Lease} request asks for; on the wire, the original's number. */
public enum LeaseRequestType {
    /** currently unleased, requesting a Shared lease. */
    SHARED(0),
    /** holding Shared, requesting promotion to Exclusive. */
    PROMOTE(1),
    /** currently unleased, requesting an Exclusive lease. */
    EXCLUSIVE(2),
    /** holding Exclusive, requesting demotion to Shared. */
    DEMOTE(3),
    /** holding Shared or Exclusive, releasing it. */
    RELEASE(4);

    private final int code;

    LeaseRequestType(int code) {
        this.code = code;
    }

    /** The number the original sends for this value. */
    @JsonValue
    public int code() {
        return code;
    }

    /** The value for a number received over the wire; refuses unknown numbers. */
    @JsonCreator
    public static LeaseRequestType of(int code) {
        for (LeaseRequestType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown LeaseRequestType " + code);
    }
}
