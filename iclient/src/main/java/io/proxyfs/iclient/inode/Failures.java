package io.proxyfs.iclient.inode;

import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;

/** Rethrows what a task on a pool failed with as the exception it was. Stateless; thread-safe. */
final class Failures {
    private Failures() {
    }

    /**
     * Throws {@code cause} itself if it is an IOException, an ImgrRpcException or unchecked;
     * otherwise returns an IOException wrapping it, for the caller to throw.
     */
    static IOException rethrow(Throwable cause) throws IOException, ImgrRpcException {
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof ImgrRpcException r) {
            throw r;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IOException(cause);
    }
}
