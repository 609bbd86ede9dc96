package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads call through a proxy that cuts connections or drops bytes: every call returns
 * once with its own answer and the server executes every request exactly once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChaosTest {
    private static final int THREADS = 12;
    private static final int CALLS = 100;

    private final EchoService service = new EchoService();
    private RetryRpcServer server;
    private ChaosProxy proxy;
    private RetryRpcClient client;

    @BeforeEach
    void start() throws Exception {
        server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(8)
                .withDeadlineIO(Duration.ofSeconds(1)), service.registry());
        server.start();
        proxy = new ChaosProxy(server.port());
        client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", proxy.port())
                .withDeadlineIO(Duration.ofMillis(700)).withBackoffCap(Duration.ofMillis(100))
                .withCallDeadline(Duration.ofSeconds(60)), null, null);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
        server.close();
        service.close();
    }

    private void callFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger returned = new AtomicInteger();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        String token = tt + "/" + i;
                        String method = i % 2 == 0 ? "Echo" : "EchoLater";
                        EchoService.EchoReply r = client.call(method, new EchoService.EchoRequest(token, token, i % 5 * 4),
                                EchoService.EchoReply.class);
                        assertEquals(token, r.message(), "each call gets its own answer");
                        returned.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(THREADS * CALLS, returned.get());
        assertEquals(THREADS * CALLS, service.executions.size(), "every request executed");
        service.executions.forEach((token, n) -> assertEquals(1, n.get(), "request " + token + " executed once"));
        assertEquals(0, client.stats().get("outstanding"));
    }

    @Test
    void connectionsCutInTheMiddleOfCalls() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread cutter = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
                proxy.cutAll();
            }
        }, "test-cutter");
        cutter.start();
        proxy.cutProbability = 0.01;
        try {
            callFromManyThreads();
        } finally {
            running.set(false);
            cutter.join();
        }
        assertTrue(client.stats().get(RetryRpcClient.STAT_RECONNECTS) > 5, client.stats().toString());
        assertTrue(client.stats().get(RetryRpcClient.STAT_RETRANSMITS) > 0, client.stats().toString());
        var s = server.stats();
        assertTrue(s.get(RetryRpcServer.STAT_RETRANSMITS_FROM_CACHE) + s.get(RetryRpcServer.STAT_RETRANSMITS_JOINED) > 0,
                s.toString());
        assertEquals(0, s.get(RetryRpcServer.STAT_UNKNOWN_SESSIONS), "the session survived every cut");
        assertEquals(0, client.stats().get(RetryRpcClient.STAT_SESSIONS_LOST));
    }

    @Test
    void bytesDroppedOnTheWay() throws Exception {
        proxy.dropProbability = 0.02;
        callFromManyThreads();
        assertTrue(proxy.drops.get() > 0);
        assertTrue(client.stats().get(RetryRpcClient.STAT_RECONNECTS) > 0, client.stats().toString());
        assertEquals(0, server.stats().get(RetryRpcServer.STAT_UNKNOWN_SESSIONS), "the session survived");
        assertEquals(0, client.stats().get(RetryRpcClient.STAT_SESSIONS_LOST));
    }
}
