package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server restart loses the client's session: the client starts a new one and says so. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionRestartTest {

    @Test
    void restartedServerGivesANewSessionAndPendingCallsFailAsSessionLost() throws Exception {
        EchoService first = new EchoService();
        EchoService second = new EchoService();
        RetryRpcServerSettings settings = RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(4);
        RetryRpcServer server = new RetryRpcServer(settings, first.registry());
        server.start();
        int port = server.port();
        CompletableFuture<long[]> lost = new CompletableFuture<>();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", port)
                .withBackoffCap(Duration.ofMillis(100)).withCallDeadline(Duration.ofSeconds(30)), null,
                (oldId, newId) -> lost.complete(new long[] {oldId, newId}));
        RetryRpcServer restarted = null;
        try {
            client.call("Echo", new EchoService.EchoRequest("a", "a", 0), EchoService.EchoReply.class);
            long oldId = client.clientId();

            CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.call("Echo", new EchoService.EchoRequest("b", "b", 20_000), EchoService.EchoReply.class);
                } catch (RetryRpcException e) {
                    return e;
                }
            });
            while (first.executions.get("b") == null) {
                Thread.sleep(5);
            }
            server.close();
            restarted = new RetryRpcServer(settings.withPort(port), second.registry());
            restarted.start();

            SessionLostException e = assertInstanceOf(SessionLostException.class, blocked.get(20, TimeUnit.SECONDS));
            assertEquals(oldId, e.oldClientId());
            long[] ids = lost.get(10, TimeUnit.SECONDS);
            assertEquals(oldId, ids[0]);
            assertEquals(client.clientId(), ids[1]);
            assertNotEquals(oldId, ids[1], "client ids never repeat across server restarts");
            assertEquals(e.newClientId(), ids[1]);
            assertNull(second.executions.get("b"), "the lost request was not re-executed on the new server");

            EchoService.EchoReply r = client.call("Echo", new EchoService.EchoRequest("c", "c", 0),
                    EchoService.EchoReply.class);
            assertEquals(ids[1], r.clientId(), "the new session works");
            assertEquals(1, client.stats().get(RetryRpcClient.STAT_SESSIONS_LOST));
            assertEquals(1, restarted.stats().get(RetryRpcServer.STAT_UNKNOWN_SESSIONS));
            assertTrue(restarted.clientIds().contains(ids[1]));
        } finally {
            client.close();
            server.close();
            if (restarted != null) {
                restarted.close();
            }
            first.close();
            second.close();
        }
    }

    @Test
    void idleSessionForgottenAfterTtlBehavesLikeARestart() throws Exception {
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0)
                .withTrimming(Duration.ofMillis(300), Duration.ofMillis(50)), service.registry());
        server.start();
        ChaosProxy proxy = new ChaosProxy(server.port());
        CompletableFuture<long[]> lost = new CompletableFuture<>();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", proxy.port())
                .withBackoffCap(Duration.ofMillis(100)), null, (o, n) -> lost.complete(new long[] {o, n}));
        try {
            client.call("Echo", new EchoService.EchoRequest("a", "a", 0), EchoService.EchoReply.class);
            long oldId = client.clientId();
            proxy.refuse = true;
            proxy.cutAll();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.clientIds().contains(oldId) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertTrue(server.clientIds().isEmpty(), "a disconnected idle client is forgotten after the TTL");
            proxy.refuse = false;
            long[] ids = lost.get(10, TimeUnit.SECONDS);
            assertEquals(oldId, ids[0]);
            EchoService.EchoReply r = client.call("Echo", new EchoService.EchoRequest("b", "b", 0),
                    EchoService.EchoReply.class);
            assertEquals(ids[1], r.clientId());
        } finally {
            client.close();
            proxy.close();
            server.close();
            service.close();
        }
    }
}
