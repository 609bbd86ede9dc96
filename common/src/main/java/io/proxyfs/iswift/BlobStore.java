package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where object bytes live: memory ({@link MemoryBlobStore}) or a directory ({@link DiskBlobStore}).
 *
 * <p>Implementations are thread-safe. {@link ObjectStore} serialises the calls that change one
 * container's membership; writes of different objects run in parallel.
 */
interface BlobStore {
    /** Prepares storage for a new container. */
    void createContainer(String account, String container) throws IOException;

    /** Removes storage of an empty container. */
    void deleteContainer(String account, String container) throws IOException;

    /**
     * Copies {@code in} to the end into a new blob that becomes visible only when
     * {@link PendingBlob#commit()} is called; {@code sizeHint} is the Content-Length, or -1.
     */
    PendingBlob write(String account, String container, String object, InputStream in, long sizeHint)
            throws IOException;

    /** Removes an object's bytes; readers that already opened them keep reading. */
    void delete(String account, String container, String object) throws IOException;

    /** Reports every stored container and object to {@code sink} (used once, at start). */
    void load(LoadSink sink) throws IOException;

    /** A blob written but not yet visible. Not thread-safe: one writer uses it. */
    interface PendingBlob {
        /** The bytes written so far. */
        long length();

        /** Makes the blob the object's current bytes (atomically, on disk: rename). */
        Blob commit() throws IOException;

        /** Discards the blob. */
        void abort();
    }

    /** Receives what {@link #load} finds. */
    interface LoadSink {
        void container(String account, String container);

        void object(String account, String container, String object, Blob blob, java.time.Instant lastModified)
                throws IOException;
    }
}
