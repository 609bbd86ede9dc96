package io.proxyfs.ickptclient;

import java.io.IOException;

/**
 * An ickpt operation failed: no majority of instances could be reached or agreed. The message
 * names the volume, the operation and what each instance answered. Retrying later may succeed.
 */
public class IckptException extends IOException {
    private static final long serialVersionUID = 1L;

    public IckptException(String message) {
        super(message);
    }

    public IckptException(String message, Throwable cause) {
        super(message, cause);
    }
}
