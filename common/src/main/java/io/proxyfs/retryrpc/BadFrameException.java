package io.proxyfs.retryrpc;

import java.io.IOException;

/**
 * A peer sent something that breaks the framing or the protocol (bad magic, absurd length,
 * unsupported protocol or version, unexpected message type, undecodable envelope). The receiver
 * closes that one connection.
 *
 * <p>Immutable after construction.
 */
public final class BadFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    BadFrameException(String message) {
        super(message);
    }

    BadFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
