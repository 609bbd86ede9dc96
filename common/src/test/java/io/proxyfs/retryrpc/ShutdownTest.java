package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close() fails calls in flight, and leaves no threads or sockets behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownTest {

    private static long retryrpcThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("retryrpc-")).count();
    }

    private static long openSockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static void eventually(java.util.function.BooleanSupplier c) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void closeFailsCallsInFlightAndReleasesEverything() throws Exception {
        eventually(() -> retryrpcThreads() == 0);
        long socketsBefore = openSockets();
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(4),
                service.registry());
        server.start();
        int port = server.port();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", port), null, null);
        client.call("Echo", new EchoService.EchoRequest("warm", null, 0), EchoService.EchoReply.class);
        assertTrue(retryrpcThreads() > 0);

        List<CompletableFuture<Object>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String token = "slow" + i;
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.call("Echo", new EchoService.EchoRequest(token, token, 10_000), EchoService.EchoReply.class);
                } catch (RetryRpcException e) {
                    return e;
                }
            }));
        }
        eventually(() -> service.executions.size() == 4);
        long t0 = System.nanoTime();
        client.close();
        for (CompletableFuture<Object> f : inFlight) {
            assertInstanceOf(ClientClosedException.class, f.get(5, TimeUnit.SECONDS));
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "calls fail promptly");
        assertThrows(ClientClosedException.class, () -> client.call("Echo", null, Void.class));
        client.close();

        server.close();
        server.close();
        service.close();
        eventually(() -> retryrpcThreads() == 0);
        assertEquals(0, retryrpcThreads(), "no retryrpc thread left");
        eventually(() -> {
            try {
                return openSockets() <= socketsBefore;
            } catch (IOException e) {
                return false;
            }
        });
        assertTrue(openSockets() <= socketsBefore, "no socket left open");
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    @Test
    void clientWithoutServerKeepsTryingAndEachCallHasItsDeadline() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        EchoService service = new EchoService();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", port)
                .withBackoffCap(Duration.ofMillis(100)), null, null);
        RetryRpcServer server = null;
        try {
            CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> client.call("Echo",
                    new EchoService.EchoRequest("x", "early", 0), EchoService.EchoReply.class, Duration.ofMillis(500)));
            assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
            Thread.sleep(1500);
            assertTrue(client.stats().get(RetryRpcClient.STAT_DIAL_FAILURES) > 8, "more than the original's 8 tries");
            server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", port), service.registry());
            server.start();
            assertEquals("y", client.call("Echo", new EchoService.EchoRequest("y", "late", 0),
                    EchoService.EchoReply.class, Duration.ofSeconds(10)).message());
            assertEquals(null, service.executions.get("early"), "a call that timed out is never sent later");

            CallTimeoutException slow = assertThrows(CallTimeoutException.class, () -> client.call("Echo",
                    new EchoService.EchoRequest("z", "slow", 1500), EchoService.EchoReply.class, Duration.ofMillis(200)));
            assertTrue(slow.getMessage().contains("within PT0.2S"), slow.getMessage());
            assertEquals("w", client.call("Echo", new EchoService.EchoRequest("w", null, 0),
                    EchoService.EchoReply.class).message(), "the client goes on after a timeout");
        } finally {
            client.close();
            if (server != null) {
                server.close();
            }
            service.close();
        }
    }
}
