package io.proxyfs.imgr.volume;

import java.io.IOException;

/**
 * The objects of one volume's container, as imgr uses them: write-once objects named by number,
 * read whole-range or by suffix, deleted when unreferenced, and the checkpoint (object 0), the
 * only object ever overwritten. Implementations say their thread-safety; imgr calls them from
 * several threads.
 */
public interface VolumeObjects {
    /** Writes object {@code objectNumber} (never called twice for the same number). */
    void put(long objectNumber, byte[] bytes) throws IOException;

    /** Reads {@code length} bytes at {@code offset} of an object. */
    byte[] getRange(long objectNumber, long offset, long length) throws IOException;

    /** Reads the last {@code length} bytes of an object (a head or superblock). */
    byte[] getTail(long objectNumber, long length) throws IOException;

    /** Deletes an object; returns whether it existed. */
    boolean delete(long objectNumber) throws IOException;

    /** Reads the checkpoint text (object 0). */
    byte[] readCheckPoint() throws IOException;

    /** Overwrites the checkpoint text (object 0). */
    void writeCheckPoint(byte[] text) throws IOException;

    /**
     * Writes the first checkpoint of a freshly formatted volume; where the checkpoint is also kept
     * elsewhere (ickpt) whatever is kept there for this container is forgotten first.
     */
    default void formatCheckPoint(byte[] text) throws IOException {
        writeCheckPoint(text);
    }
}
