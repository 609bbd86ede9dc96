package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptException;
import io.proxyfs.ickptclient.IckptInstance;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ickptclient.IckptStaleException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A 3-instance ickpt cluster in this JVM on loopback, driven by imgr's quorum client. */
@Timeout(60)
class IckptQuorumTest {
    @TempDir
    Path dir;

    private SwiftVolume volume;
    private IckptInstances cluster;
    private IckptQuorum quorum;
    private okhttp3.OkHttpClient http;

    @BeforeEach
    void start() throws Exception {
        volume = new SwiftVolume();
        cluster = new IckptInstances(dir, 3, Duration.ofSeconds(10));
        quorum = new IckptQuorum(new IckptClientSettings(cluster.addresses(), 33123, Optional.empty(),
                Duration.ofMillis(20), 2.0, 2, Duration.ofSeconds(5), 8));
        http = new okhttp3.OkHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        quorum.close();
        cluster.close();
        volume.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private String read() throws Exception {
        return new String(quorum.read(volume.url(), volume.token).orElseThrow(), StandardCharsets.US_ASCII);
    }

    /** What instance {@code i} alone holds: "ickpt:<text>", or "swift:<text>" if it holds none. */
    private String heldBy(int i) {
        IckptInstance.Answer a = new IckptInstance(cluster.baseUrl(i), http).get(volume.url(), volume.token).join();
        assertEquals(200, a.status(), a.describe());
        return a.source() + ":" + new String(a.body(), StandardCharsets.US_ASCII);
    }

    @Test
    void writesReachEveryInstanceAndReadsTheNewest() throws Exception {
        assertEquals(SwiftVolume.FORMATTED, read(), "nothing in ickpt yet: Swift's checkpoint");
        quorum.write(volume.url(), volume.token, bytes(cp(5, 100)));
        assertEquals(cp(5, 100), read());
        for (int i = 0; i < 3; i++) {
            assertEquals("ickpt:" + cp(5, 100), heldBy(i));
        }
        quorum.write(volume.url(), volume.token, bytes(cp(5, 200)));
        quorum.write(volume.url(), volume.token, bytes(cp(5, 200)));
        assertEquals(cp(5, 200), read(), "a repeated write is harmless");
        IckptStaleException stale = assertThrows(IckptStaleException.class,
                () -> quorum.write(volume.url(), volume.token, bytes(cp(4, 200))));
        assertTrue(stale.getMessage().contains("refused as stale"), stale.getMessage());
        quorum.delete(volume.url(), volume.token);
        assertEquals(SwiftVolume.FORMATTED, read());
    }

    @Test
    void oneInstanceDownStillWorksAndIsRepairedWhenBack() throws Exception {
        quorum.write(volume.url(), volume.token, bytes(cp(5, 100)));
        cluster.stop(2);
        quorum.write(volume.url(), volume.token, bytes(cp(6, 100)));
        assertEquals(cp(6, 100), read());
        cluster.start(2);
        assertEquals("ickpt:" + cp(5, 100), heldBy(2), "it missed the write while down");
        assertEquals(cp(6, 100), read(), "the majority's newest wins");
        assertEquals("ickpt:" + cp(6, 100), heldBy(2), "the read brought it up to date");
    }

    @Test
    void twoInstancesDownFailClearlyThenRecover() throws Exception {
        quorum.write(volume.url(), volume.token, bytes(cp(5, 100)));
        cluster.stop(0);
        cluster.stop(1);
        IckptException write = assertThrows(IckptException.class,
                () -> quorum.write(volume.url(), volume.token, bytes(cp(6, 100))));
        assertTrue(write.getMessage().contains("not durable: staged on only 1 of 3 ickpt instances (need 2)"),
                write.getMessage());
        assertTrue(write.getMessage().contains(cluster.baseUrl(0) + " no response"), write.getMessage());
        IckptException read = assertThrows(IckptException.class, () -> quorum.read(volume.url(), volume.token));
        assertTrue(read.getMessage().contains("only 1 of 3 ickpt instances answered (need 2)"), read.getMessage());

        cluster.start(1);
        assertEquals(cp(5, 100), read(), "the failed write was never committed anywhere");
        quorum.write(volume.url(), volume.token, bytes(cp(6, 100)));
        assertEquals(cp(6, 100), read());
        cluster.start(0);
        assertEquals(cp(6, 100), read());
        assertEquals("ickpt:" + cp(6, 100), heldBy(0));
    }

    @Test
    void aRejectedTokenIsReportedAsSuch() throws Exception {
        IckptException e = assertThrows(IckptException.class, () -> quorum.read(volume.url(), "bogus"));
        assertTrue(e.getMessage().contains("refused (401)"), e.getMessage());
        assertArrayEquals(bytes(SwiftVolume.FORMATTED), quorum.read(volume.url(), volume.token).orElseThrow());
    }

    @Test
    void aHungInstanceCostsAGraceNotTheTimeout() throws Exception {
        // A listener that accepts connections and never answers: a hung instance.
        try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            java.util.List<String> addrs = java.util.List.of(cluster.addresses().get(0), cluster.addresses().get(1),
                    "127.0.0.1:" + hung.getLocalPort());
            try (IckptQuorum withHung = new IckptQuorum(new IckptClientSettings(addrs, 33123, Optional.empty(),
                    Duration.ofMillis(20), 2.0, 0, Duration.ofSeconds(20), 8))) {
                long start = System.nanoTime();
                withHung.write(volume.url(), volume.token, bytes(cp(5, 100)));
                assertEquals(cp(5, 100), new String(withHung.read(volume.url(), volume.token).orElseThrow(),
                        StandardCharsets.US_ASCII));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "write and read took " + millis + " ms with a 20 s request timeout");
            } finally {
                for (java.net.Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
