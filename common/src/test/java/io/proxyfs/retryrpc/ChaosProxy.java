package io.proxyfs.retryrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test helper: a loopback TCP forwarder that can cut every connection on demand, cut a
 * connection after a random number of bytes, or silently drop a chunk of bytes.
 */
final class ChaosProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;
    /** Probability per forwarded chunk of cutting the connection. */
    volatile double cutProbability;
    /** Probability per forwarded chunk of dropping the chunk's bytes. */
    volatile double dropProbability;
    /** While set, new connections are accepted and closed at once. */
    volatile boolean refuse;
    final AtomicLong cuts = new AtomicLong();
    final AtomicLong drops = new AtomicLong();

    ChaosProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every connection now. */
    void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        cuts.incrementAndGet();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refuse) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, String dir) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    if (r.nextDouble() < cutProbability) {
                        int part = r.nextInt(n + 1);
                        out.write(buf, 0, part);
                        out.flush();
                        cuts.incrementAndGet();
                        break;
                    }
                    if (r.nextDouble() < dropProbability) {
                        int skip = 1 + r.nextInt(n);
                        int at = r.nextInt(n - skip + 1);
                        out.write(buf, 0, at);
                        out.write(buf, at + skip, n - at - skip);
                        drops.incrementAndGet();
                    } else {
                        out.write(buf, 0, n);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // The other direction or cutAll() closed the pair.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "test-proxy-" + dir);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cutAll();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
