package io.proxyfs.retryrpc;

/**
 * One message as read off the wire: the raw type code from the header and the body.
 *
 * <p>Immutable in intent: the body array is owned by the frame and must not be modified.
 *
 * @param typeCode the u16 message type code from the header, possibly unknown
 * @param body the bytes that followed the header
 */
record Frame(int typeCode, byte[] body) {

    /** The message type, or {@code null} when the code is unknown. */
    MessageType type() {
        return MessageType.fromCode(typeCode);
    }
}
