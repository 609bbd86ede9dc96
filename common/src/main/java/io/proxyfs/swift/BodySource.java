package io.proxyfs.swift;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a fresh stream over a PUT body each time it is called, so a failed upload can be
 * retried from the start. Each stream must yield exactly the length given to the PUT. The
 * client closes every stream it opens. Implementations must tolerate being called once per try.
 */
@FunctionalInterface
public interface BodySource {
    InputStream open() throws IOException;
}
