package io.proxyfs.swift;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain socket whose output stream gathers small writes into one write of up to
 * {@link #WRITE_BUFFER} bytes. OkHttp (through Okio) hands the socket one 8 KiB segment per
 * write, so a large PUT body cost one system call (and one kernel segment on loopback) per
 * 8 KiB, on the client and on the server reading it; gathered, it costs one per 64 KiB.
 * OkHttp flushes the stream at the end of every request, so nothing waits in the buffer.
 *
 * <p>Thread-safety: that of {@link Socket}; the output stream is used by one thread at a time
 * (OkHttp's HTTP/1 exchange), and its buffer, allocated once per connection, is guarded by the
 * stream's own lock.
 */
final class CoalescingSocket extends Socket {
    /** Bytes gathered before a write reaches the socket. */
    static final int WRITE_BUFFER = 64 * 1024;

    private OutputStream out;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new BufferedOutputStream(super.getOutputStream(), WRITE_BUFFER);
        }
        return out;
    }
}
