package io.proxyfs.iclient.inode;

/**
 * The bytes of one write, wherever they are (a byte array, or the FUSE request's own buffer):
 * the file system copies them straight into the object being filled, so a write through FUSE
 * is copied once on its way into iclient instead of first into an array of its own. A source
 * may be read more than once (an operation that must run again reads it again), and must stay
 * valid until the write returns. Thread-safety: used by the writing thread only.
 */
@FunctionalInterface
public interface WriteSource {
    /** Copies {@code length} bytes, from the write's byte {@code from} on, into {@code dst} at {@code dstOffset}. */
    void copyTo(int from, byte[] dst, int dstOffset, int length);

    /** The first {@code length} bytes of {@code data}. */
    static WriteSource of(byte[] data) {
        return (from, dst, dstOffset, length) -> System.arraycopy(data, from, dst, dstOffset, length);
    }
}
