package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoTest {
    @TempDir
    Path dir;

    private final EchoService service = new EchoService();
    private RetryRpcServer server;
    private RetryRpcClient client;

    private void start(boolean tls) throws Exception {
        RetryRpcServerSettings ss = RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(8);
        RetryRpcClientSettings cs;
        if (tls) {
            TestCerts certs = TestCerts.create(dir);
            ss = ss.withTls(certs.cert(), certs.key());
            server = new RetryRpcServer(ss, service.registry());
            server.start();
            cs = RetryRpcClientSettings.defaults("127.0.0.1", server.port()).withCaCertFile(certs.ca());
        } else {
            server = new RetryRpcServer(ss, service.registry());
            server.start();
            cs = RetryRpcClientSettings.defaults("127.0.0.1", server.port());
        }
        client = new RetryRpcClient(cs.withCallDeadline(Duration.ofSeconds(20)), null, null);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        service.close();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void echoesErrorsAndUnknownMethods(boolean tls) throws Exception {
        start(tls);
        EchoService.EchoReply r = client.call("Echo", new EchoService.EchoRequest("hello", "t1", 0),
                EchoService.EchoReply.class);
        assertEquals("hello", r.message());
        assertEquals(client.clientId(), r.clientId(), "the method receives the caller's unique id");
        assertNotEquals(0, client.clientId());

        RpcErrorException e = assertThrows(RpcErrorException.class, () -> client.call("Fail",
                new EchoService.EchoRequest("EMissingLease: inode 000000000000002A", "t2", 0), EchoService.EchoReply.class));
        assertEquals("EMissingLease: inode 000000000000002A", e.errstr(), "the error string travels verbatim");
        assertTrue(e.hasPrefix("EMissingLease:"));
        assertEquals("Fail", e.method());

        RpcErrorException unknown = assertThrows(RpcErrorException.class,
                () -> client.call("NoSuchMethod", null, Void.class));
        assertEquals("errno: 2", unknown.errstr());

        JsonNode raw = client.call("Raw", java.util.Map.of("k", List.of(1, 2)), JsonNode.class);
        assertEquals("[1,2]", raw.get("k").toString());
        assertNull(client.call("Echo", new EchoService.EchoRequest("x", "t3", 0), Void.class));

        RpcErrorException badParams = assertThrows(RpcErrorException.class,
                () -> client.call("Echo", java.util.Map.of("sleepMillis", "not a number"), EchoService.EchoReply.class));
        assertTrue(badParams.hasPrefix("EBadParams:"), badParams.errstr());
        assertEquals(1, server.stats().get(RetryRpcServer.STAT_UNKNOWN_METHODS));
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void manyThreadsShareOneConnection(boolean tls) throws Exception {
        start(tls);
        int threads = 16;
        int calls = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        String m = tt + "/" + i;
                        String method = i % 3 == 0 ? "EchoLater" : "Echo";
                        EchoService.EchoReply r = client.call(method, new EchoService.EchoRequest(m, m, i % 7 == 0 ? 2 : 0),
                                EchoService.EchoReply.class);
                        assertEquals(m, r.message());
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
        assertEquals(threads * calls, service.executions.size());
        assertTrue(service.executions.values().stream().allMatch(n -> n.get() == 1));
        assertEquals(threads * calls, client.stats().get(RetryRpcClient.STAT_REPLIES));
        assertEquals(1, server.stats().get(RetryRpcServer.STAT_CONNECTIONS), "all calls shared one connection");
        assertEquals(0, client.stats().get("outstanding"));
    }
}
