package io.proxyfs.retryrpc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One TCP or TLS connection carrying retryrpc frames, with the bookkeeping that lets an
 * {@link IoWatchdog} enforce {@code DeadlineIO} on blocking Java sockets: the time the frame
 * being read started to arrive, and the time the frame being written started.
 *
 * <p>Thread-safety: {@link #readFrame()} is called by one reader thread only; {@link #writeFrame}
 * may be called from any thread (writes are serialized by an internal lock, a frame is never
 * interleaved with another); {@link #close()} may be called from any thread, any number of times,
 * and unblocks the reader and writers.
 */
final class FrameConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxBodyBytes;
    private final String description;
    private final Object writeLock = new Object();
    private volatile long readStartNanos;
    private volatile long writeStartNanos;
    private volatile boolean closed;

    FrameConnection(Socket socket, int maxBodyBytes) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.maxBodyBytes = maxBodyBytes;
        this.description = socket.getLocalSocketAddress() + "<->" + socket.getRemoteSocketAddress();
    }

    /**
     * Blocks for the next frame.
     *
     * @return the frame, or {@code null} when the peer closed the connection at a frame boundary
     */
    Frame readFrame() throws IOException {
        try {
            return FrameCodec.read(in, maxBodyBytes, () -> readStartNanos = nonZeroNanoTime());
        } finally {
            readStartNanos = 0;
        }
    }

    /** Writes and flushes one frame; concurrent callers are serialized. */
    void writeFrame(MessageType type, byte[] body) throws IOException {
        synchronized (writeLock) {
            if (closed) {
                throw new IOException("connection " + description + " is closed");
            }
            writeStartNanos = nonZeroNanoTime();
            try {
                FrameCodec.write(out, type, body);
                out.flush();
            } finally {
                writeStartNanos = 0;
            }
        }
    }

    /**
     * Whether a read inside a frame, or a write, has been blocked for longer than
     * {@code deadlineNanos}.
     */
    boolean isStalled(long nowNanos, long deadlineNanos) {
        long r = readStartNanos;
        long w = writeStartNanos;
        return (r != 0 && nowNanos - r > deadlineNanos) || (w != 0 && nowNanos - w > deadlineNanos);
    }

    boolean isClosed() {
        return closed;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static long nonZeroNanoTime() {
        long t = System.nanoTime();
        return t == 0 ? 1 : t;
    }
}
