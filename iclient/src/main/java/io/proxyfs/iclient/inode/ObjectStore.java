package io.proxyfs.iclient.inode;

import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.SwiftClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The volume's objects in Swift, by object number: ranged and suffix GETs, whole-object PUTs
 * (from an inode's {@link PutBuffer}).
 * Objects are written once and never changed, so anything read may be cached forever.
 * Thread-safe (the Swift client is).
 */
public final class ObjectStore {
    private final SwiftClient swift;
    private final String container;
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong puts = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();

    /**
     * @param swift the shared Swift client (authenticated for the volume's account)
     * @param container the volume's container
     */
    public ObjectStore(SwiftClient swift, String container) {
        this.swift = swift;
        this.container = container;
    }

    /** {@code length} bytes at {@code offset} of object {@code number}; a short object is an error. */
    public byte[] read(long number, long offset, long length) throws IOException {
        gets.incrementAndGet();
        byte[] b = swift.getObjectRange(container, ObjectNames.nameOf(number), offset, length);
        if (b.length != length) {
            throw new IOException("object " + ObjectNames.nameOf(number) + " gave " + b.length + " bytes at "
                    + offset + ", not " + length);
        }
        bytesRead.addAndGet(b.length);
        return b;
    }

    /**
     * Up to {@code length} bytes at {@code offset} of object {@code number} as a stream (fewer at
     * the object's end), for reading a long range as it arrives; the caller must close it.
     */
    public InputStream openRange(long number, long offset, long length) throws IOException {
        gets.incrementAndGet();
        InputStream in = swift.openObjectRange(container, ObjectNames.nameOf(number), offset, length);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }

    /** The last {@code length} bytes of object {@code number} (an inode head). */
    public byte[] readTail(long number, long length) throws IOException {
        gets.incrementAndGet();
        byte[] b = swift.getObjectTail(container, ObjectNames.nameOf(number), length);
        if (b.length != length) {
            throw new IOException("object " + ObjectNames.nameOf(number) + " tail gave " + b.length
                    + " bytes, not " + length);
        }
        bytesRead.addAndGet(b.length);
        return b;
    }

    /** The last {@code length} bytes of object {@code number}, or the whole object if it is shorter. */
    public byte[] readTailUpTo(long number, long length) throws IOException {
        gets.incrementAndGet();
        byte[] b = swift.getObjectTail(container, ObjectNames.nameOf(number), length);
        bytesRead.addAndGet(b.length);
        return b;
    }

    /** Writes an object from its buffer, streamed from the buffer's chunks (each retry reads them again). */
    void write(PutBuffer object) throws IOException {
        puts.incrementAndGet();
        int length = object.size();
        swift.putObject(container, ObjectNames.nameOf(object.objectNumber), length, object::open);
        bytesWritten.addAndGet(length);
    }

    /**
     * Deletes object {@code number}; only for objects imgr never heard of (imgr deletes all the
     * others, after a checkpoint no longer references them).
     */
    public void delete(long number) throws IOException {
        swift.deleteObject(container, ObjectNames.nameOf(number));
    }

    /** Counters for /stats. */
    public java.util.Map<String, Long> stats() {
        return java.util.Map.of("swiftGets", gets.get(), "swiftPuts", puts.get(), "swiftBytesRead",
                bytesRead.get(), "swiftBytesWritten", bytesWritten.get());
    }
}
