package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's reply caches shrink by acknowledgement and by TTL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrimTest {

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 10s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void acknowledgedRepliesAreTrimmed() throws Exception {
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0)
                .withTrimming(Duration.ofMinutes(10), Duration.ofMillis(20)), service.registry());
        server.start();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port()), null, null);
        try {
            for (int i = 0; i < 100; i++) {
                client.call("Echo", new EchoService.EchoRequest("m", null, 0), EchoService.EchoReply.class);
            }
            eventually(() -> server.cachedReplies() == 1, "all but the last reply trimmed by acknowledgement");
            assertEquals(99, server.stats().get(RetryRpcServer.STAT_TRIMMED));
        } finally {
            client.close();
            server.close();
            service.close();
        }
    }

    @Test
    void unacknowledgedRepliesExpireAfterTtl() throws Exception {
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0)
                .withTrimming(Duration.ofMillis(400), Duration.ofMillis(20)), service.registry());
        server.start();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port()), null, null);
        try {
            client.call("Echo", new EchoService.EchoRequest("m", null, 0), EchoService.EchoReply.class);
            assertEquals(1, server.cachedReplies(), "the last reply is kept: the client has not acknowledged it yet");
            long t0 = System.nanoTime();
            eventually(() -> server.cachedReplies() == 0, "the unacknowledged reply expired");
            assertTrue(System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(300), "not before the TTL");
            assertEquals(1, server.clientIds().size(), "a connected client is not forgotten");
        } finally {
            client.close();
            server.close();
            service.close();
        }
    }
}
