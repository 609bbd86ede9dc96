package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Upcalls arrive in order while calls are in flight, and a blocked handler never blocks replies. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpcallTest {

    @Test
    void upcallsDuringCallsInOrderWithoutBlockingReplies() throws Exception {
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0), service.registry());
        server.start();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CountDownLatch callsDone = new CountDownLatch(1);
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port())
                .withCallDeadline(Duration.ofSeconds(20)), payload -> {
                    String s = new String(payload, StandardCharsets.UTF_8);
                    if (s.equals("block")) {
                        try {
                            callsDone.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    received.add(s);
                }, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            client.call("Echo", new EchoService.EchoRequest("hello", null, 0), EchoService.EchoReply.class);
            long id = client.clientId();
            assertTrue(server.sendUpcall(id, "block".getBytes(StandardCharsets.UTF_8)));
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String m = tt + ":" + i;
                        assertEquals(m, client.call("EchoLater", new EchoService.EchoRequest(m, null, 2),
                                EchoService.EchoReply.class).message());
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 100; i++) {
                assertTrue(server.sendUpcall(id, ("u" + i).getBytes(StandardCharsets.UTF_8)));
            }
            for (Future<?> f : fs) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(received.isEmpty(), "the handler is still blocked, yet every call got its reply");
            callsDone.countDown();
            assertEquals("block", received.poll(10, TimeUnit.SECONDS));
            for (int i = 0; i < 100; i++) {
                assertEquals("u" + i, received.poll(10, TimeUnit.SECONDS), "upcalls arrive in order");
            }
            assertEquals(101, client.stats().get(RetryRpcClient.STAT_UPCALLS));
            assertFalse(server.sendUpcall(id + 1000, new byte[] {1}), "unknown clients are reported");
        } finally {
            pool.shutdownNow();
            client.close();
            server.close();
            service.close();
        }
    }
}
