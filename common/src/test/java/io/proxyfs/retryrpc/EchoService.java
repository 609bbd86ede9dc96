package io.proxyfs.retryrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test service: methods whose executions are counted per request token. */
final class EchoService {
    record EchoRequest(String message, String token, int sleepMillis) {
    }

    record EchoReply(String message, long clientId) {
    }

    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-echo-delayer");
        t.setDaemon(true);
        return t;
    });

    MethodRegistry registry() {
        return new MethodRegistry()
                .register("Echo", EchoRequest.class, EchoReply.class, (clientId, req) -> {
                    count(req.token());
                    if (req.sleepMillis() > 0) {
                        try {
                            Thread.sleep(req.sleepMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new RpcErrorException("EInterrupted: shutting down");
                        }
                    }
                    return new EchoReply(req.message(), clientId);
                })
                .registerAsync("EchoLater", EchoRequest.class, EchoReply.class, (clientId, req) -> {
                    count(req.token());
                    CompletableFuture<EchoReply> f = new CompletableFuture<>();
                    delayer.schedule(() -> f.complete(new EchoReply(req.message(), clientId)), req.sleepMillis(),
                            TimeUnit.MILLISECONDS);
                    return f;
                })
                .register("Fail", EchoRequest.class, EchoReply.class, (clientId, req) -> {
                    count(req.token());
                    throw new RpcErrorException(req.message());
                })
                .register("Raw", JsonNode.class, JsonNode.class, (clientId, req) -> req);
    }

    private void count(String token) {
        total.incrementAndGet();
        if (token != null) {
            executions.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
        }
    }

    void close() {
        delayer.shutdownNow();
    }
}
