package io.proxyfs.retryrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens one connection to the server and performs the identifying first exchange: AskMyUniqueID
 * and its ReturnUniqueID answer for a new client, or PassID (no answer) for a returning one. With
 * TLS the server certificate is verified against the CA and the address dialed (IP or DNS SAN).
 *
 * <p>Thread-safety: {@link #dial} is called by the client's supervisor thread only;
 * {@link #abort()} may be called from any thread to unblock it.
 */
final class ClientDialer {
    private final RetryRpcClientSettings settings;
    private final SSLContext tls;
    private volatile Socket dialing;
    private volatile boolean aborted;

    ClientDialer(RetryRpcClientSettings settings, SSLContext tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /** The outcome of a dial: the connection and the client id the server now knows us by. */
    record Dialed(FrameConnection frames, long clientId) {
    }

    /**
     * Connects and identifies.
     *
     * @param clientId the id to pass, or 0 to ask for one
     * @return the connection; its {@code clientId} is the one asked for, or {@code clientId}
     */
    Dialed dial(long clientId) throws IOException {
        int deadline = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.deadlineIO().toMillis()));
        Socket socket = new Socket();
        dialing = socket;
        FrameConnection frames = null;
        try {
            if (aborted) {
                throw new IOException("client closed");
            }
            SocketTuning.apply(socket, settings.keepAlivePeriod());
            socket.connect(new InetSocketAddress(settings.ip(), settings.port()), deadline);
            Socket s = socket;
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, settings.ip(), settings.port(), true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.setUseClientMode(true);
                ssl.setSoTimeout(deadline);
                dialing = ssl;
                ssl.startHandshake();
                s = ssl;
            }
            s.setSoTimeout(deadline);
            frames = new FrameConnection(s, settings.maxFrameBytes());
            long id = clientId;
            if (clientId == 0) {
                frames.writeFrame(MessageType.ASK_MY_UNIQUE_ID, new byte[0]);
                Frame answer = frames.readFrame();
                if (answer == null) {
                    throw new IOException("server closed the connection instead of returning a client id");
                }
                if (answer.type() != MessageType.RETURN_UNIQUE_ID) {
                    throw new BadFrameException("expected ReturnUniqueID, got message type " + answer.typeCode());
                }
                id = RpcJson.decodeId(answer.body());
            } else {
                frames.writeFrame(MessageType.PASS_ID, RpcJson.encodeId(clientId));
            }
            s.setSoTimeout(0);
            return new Dialed(frames, id);
        } catch (IOException | RuntimeException e) {
            if (frames != null) {
                frames.close();
            }
            closeQuietly(dialing);
            throw e;
        } finally {
            dialing = null;
        }
    }

    /** Closes the socket being dialed, if any, and makes every later {@link #dial} fail. */
    void abort() {
        aborted = true;
        Socket s = dialing;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // Nothing more to release.
        }
    }
}
