package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an imgr upcall asks of a client; on the wire, the original's number. */
public enum RpcInterruptType {
    /** release every lease (after saving state) and unmount. */
    UNMOUNT(0),
    /** demote the inode's lease from Exclusive to Shared (after saving state). */
    DEMOTE(1),
    /** release the inode's lease (after saving state and dropping cached state). */
    RELEASE(2);

    private final int code;

    RpcInterruptType(int code) {
        this.code = code;
    }

    /** The number the original sends for this value. */
    @JsonValue
    public int code() {
        return code;
    }

    /** The value for a number received over the wire; refuses unknown numbers. */
    @JsonCreator
    public static RpcInterruptType of(int code) {
        for (RpcInterruptType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown RpcInterruptType " + code);
    }
}
