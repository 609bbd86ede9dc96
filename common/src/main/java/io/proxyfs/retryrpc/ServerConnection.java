package io.proxyfs.retryrpc;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection on the server, served by its own reader thread: TLS handshake (when
 * configured), the identifying first message (AskMyUniqueID or PassID), then RPC frames handed
 * to the worker pool. Anything that breaks the protocol closes this connection only.
 *
 * <p>Thread-safety: {@link #run()} runs on the connection's reader thread; {@link #send} may be
 * called from any thread (frames are written whole, one at a time); {@link #close()} from any
 * thread.
 */
final class ServerConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final RetryRpcServer server;
    private final FrameConnection frames;
    private volatile ClientSession session;

    ServerConnection(RetryRpcServer server, Socket socket, int maxFrameBytes) throws IOException {
        this.server = server;
        this.frames = new FrameConnection(socket, maxFrameBytes);
    }

    FrameConnection frames() {
        return frames;
    }

    @Override
    public void run() {
        try {
            Socket s = frames.socket();
            s.setSoTimeout(server.deadlineIOMillis());
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            Frame first = frames.readFrame();
            if (first == null) {
                return;
            }
            s.setSoTimeout(0);
            session = server.identify(this, first);
            for (Frame f = frames.readFrame(); f != null; f = frames.readFrame()) {
                if (f.type() != MessageType.RPC) {
                    throw new BadFrameException("unexpected message type " + f.typeCode() + " from client "
                            + Long.toUnsignedString(session.id));
                }
                if (!server.dispatch(this, session, f.body())) {
                    return;
                }
            }
        } catch (BadFrameException e) {
            server.badFrame(this, e);
        } catch (SocketTimeoutException e) {
            LOG.info("retryrpc connection {}: no TLS handshake or first message within RetryRPCDeadlineIO", frames);
        } catch (SSLException e) {
            LOG.info("retryrpc connection {}: TLS failed: {}", frames, e.getMessage());
        } catch (IOException e) {
            if (!frames.isClosed()) {
                LOG.debug("retryrpc connection {} dropped: {}", frames, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("retryrpc connection {}: reader failed", frames, e);
        } finally {
            close();
            server.connectionEnded(this);
        }
    }

    /** Writes one RPC reply; on failure closes the connection (the client will retransmit). */
    void send(MessageType type, byte[] body) {
        if (frames.isClosed()) {
            return;
        }
        try {
            frames.writeFrame(type, body);
        } catch (IOException e) {
            LOG.debug("retryrpc connection {}: write failed: {}", frames, e.toString());
            close();
        }
    }

    /** The session this connection serves, or null before the first message. */
    ClientSession session() {
        return session;
    }

    void close() {
        frames.close();
    }

    boolean isClosed() {
        return frames.isClosed();
    }

    @Override
    public String toString() {
        return frames.toString();
    }
}
