package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;

/**
 * The immutable bytes of one stored object, in memory or in a file.
 *
 * <p>Thread-safe: a blob never changes once created; each {@link #open} returns a new stream.
 */
interface Blob {
    /** Number of bytes in the object. */
    long length();

    /** A stream over {@code length} bytes starting at {@code offset}; the caller closes it. */
    InputStream open(long offset, long length) throws IOException;
}
