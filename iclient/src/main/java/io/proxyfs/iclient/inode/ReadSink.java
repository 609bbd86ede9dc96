package io.proxyfs.iclient.inode;

/**
 * Where the bytes of one read go (a byte array, or the FUSE request's own buffer): the file system
 * copies them straight from its read cache or write buffers into it, so a read through FUSE is
 * copied once on its way out of iclient instead of first into an array of its own. The read's
 * bytes are addressed from 0; every byte up to the length the read returns is put or zeroed
 * exactly once per try (an operation that must run again writes the same bytes again).
 * Thread-safety: used by the reading thread only.
 */
public interface ReadSink {
    /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to the read's byte {@code at}. */
    void put(int at, byte[] src, int srcOffset, int length);

    /** Zeroes {@code length} bytes of the read from byte {@code at} (a hole). */
    void zero(int at, int length);

    /** Into {@code dst}, from its first byte. */
    static ReadSink of(byte[] dst) {
        return new ReadSink() {
            @Override
            public void put(int at, byte[] src, int srcOffset, int length) {
                System.arraycopy(src, srcOffset, dst, at, length);
            }

            @Override
            public void zero(int at, int length) {
                java.util.Arrays.fill(dst, at, at + length, (byte) 0);
            }
        };
    }
}
