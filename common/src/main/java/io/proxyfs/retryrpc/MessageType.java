package io.proxyfs.retryrpc;

/**
 * The message types of the retryrpc wire protocol, with the codes the original Go package
 * ({@code retryrpc/api_internal.go}, {@code MsgType}) puts in the frame header.
 *
 * <p>Immutable, so safe to share between threads.
 */
public enum MessageType {
    /** A request from client to server, or the reply to it. */
    RPC(1),
    /** An interrupt pushed from server to client; the body is opaque bytes. */
    UPCALL(2),
    /** First message of a new client, empty body: "give me a unique id". */
    ASK_MY_UNIQUE_ID(3),
    /** Server to client: the client's unique id as a bare JSON number. */
    RETURN_UNIQUE_ID(4),
    /** First message of a reconnecting client: its unique id as a bare JSON number. */
    PASS_ID(5);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The u16 code written in the frame header. */
    public int code() {
        return code;
    }

    /**
     * The type for a header code.
     *
     * @return the type, or {@code null} when the code is not one of the five known types
     */
    public static MessageType fromCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
