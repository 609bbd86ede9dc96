package io.proxyfs.retryrpc;

/**
 * One established connection of a client, numbered by generation so that an error seen on an
 * old connection never tears down a newer one.
 *
 * <p>Thread-safety: immutable apart from the reader thread reference, set once before the reader
 * starts.
 */
final class ClientConnection {
    final FrameConnection frames;
    final long generation;
    /** Whether the connection was opened with PassID, so a ReturnUniqueID may come back first. */
    final boolean resumed;
    Thread reader;

    ClientConnection(FrameConnection frames, long generation, boolean resumed) {
        this.frames = frames;
        this.generation = generation;
        this.resumed = resumed;
    }

    void close() {
        frames.close();
    }

    @Override
    public String toString() {
        return frames + " (generation " + generation + ")";
    }
}
