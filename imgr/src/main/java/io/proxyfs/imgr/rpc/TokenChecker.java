package io.proxyfs.imgr.rpc;

import java.io.IOException;

/**
 * Whether Swift accepts an AuthToken for a served volume (the original GETs the volume's
 * checkpoint with it). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TokenChecker {
    boolean accepts(String volumeName, String authToken) throws IOException;
}
