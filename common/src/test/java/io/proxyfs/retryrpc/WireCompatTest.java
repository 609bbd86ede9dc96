package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server as a Go client sees it, and what it does with garbage. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireCompatTest {
    private final EchoService service = new EchoService();
    private RetryRpcServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(4)
                .withMaxFrameBytes(1 << 20), service.registry());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        service.close();
    }

    private static String request(long id, long rid, long ack, String method, String params) {
        return "{\"myuniqueid\":" + id + ",\"requestid\":" + rid + ",\"highestReplySeen\":" + ack + ",\"method\":\""
                + method + "\",\"params\":[" + params + "]}";
    }

    @Test
    void goClientConversation() throws Exception {
        long id;
        try (RawWire w = new RawWire(server.port())) {
            id = w.handshake();
            w.send(MessageType.RPC, request(id, 1, 0, "Echo", "{\"Message\":\"hi\",\"Token\":\"a\"}"));
            Object[] reply = w.receive();
            assertEquals(MessageType.RPC.code(), reply[0]);
            assertEquals("{\"myuniqueid\":" + id + ",\"requestid\":1,\"errstr\":\"\",\"result\":{\"message\":\"hi\","
                    + "\"clientId\":" + id + "}}", reply[1], "field names as Go decodes them (case-insensitively)");
            w.send(MessageType.RPC, request(id, 2, 0, "Nope", "{}"));
            assertEquals("{\"myuniqueid\":" + id + ",\"requestid\":2,\"errstr\":\"errno: 2\",\"result\":null}",
                    w.receive()[1]);
        }
        // Reconnect as the same client: PassID has no answer; a retransmission comes from the cache.
        try (RawWire w = new RawWire(server.port())) {
            w.send(MessageType.PASS_ID, Long.toUnsignedString(id));
            w.send(MessageType.RPC, request(id, 2, 0, "Nope", "{}"));
            Object[] again = w.receive();
            assertEquals(MessageType.RPC.code(), again[0], "no ReturnUniqueID for a known client");
            assertTrue(((String) again[1]).contains("\"requestid\":2,\"errstr\":\"errno: 2\""));
            w.send(MessageType.RPC, request(id, 1, 0, "Echo", "{\"Message\":\"hi\",\"Token\":\"a\"}"));
            assertTrue(((String) w.receive()[1]).contains("\"message\":\"hi\""));
        }
        assertEquals(1, service.executions.get("a").get(), "the retransmission was answered from the cache");
        assertEquals(2, server.stats().get(RetryRpcServer.STAT_RETRANSMITS_FROM_CACHE));
    }

    @Test
    void unknownIdOnPassIdStartsANewSessionAndRefusesOldRequests() throws Exception {
        try (RawWire w = new RawWire(server.port())) {
            w.send(MessageType.PASS_ID, "12345");
            Object[] f = w.receive();
            assertEquals(MessageType.RETURN_UNIQUE_ID.code(), f[0]);
            long fresh = Long.parseLong((String) f[1]);
            w.send(MessageType.RPC, request(12345, 7, 6, "Echo", "{\"Message\":\"x\",\"Token\":\"old\"}"));
            String r = (String) w.receive()[1];
            assertTrue(r.contains("\"errstr\":\"ESessionLost:"), r);
            assertEquals(null, service.executions.get("old"), "not executed on a server that never saw the session");
            w.send(MessageType.RPC, request(fresh, 1, 0, "Echo", "{\"Message\":\"y\",\"Token\":\"new\"}"));
            assertTrue(((String) w.receive()[1]).contains("\"message\":\"y\""));
        }
    }

    private void assertClosesAndServerSurvives(Consumer<RawWire> garbage) throws Exception {
        long before = server.stats().get(RetryRpcServer.STAT_BAD_FRAMES);
        try (RawWire bystander = new RawWire(server.port()); RawWire bad = new RawWire(server.port())) {
            long id = bystander.handshake();
            garbage.accept(bad);
            assertTrue(bad.closedByServer(), "the offending connection is closed");
            bystander.send(MessageType.RPC, request(id, 1, 0, "Echo", "{\"Message\":\"still\",\"Token\":null}"));
            assertTrue(((String) bystander.receive()[1]).contains("still"), "other clients are still served");
        }
        try (RawWire later = new RawWire(server.port())) {
            assertTrue(later.handshake() > 0, "the server still accepts");
        }
        assertEquals(before + 1, server.stats().get(RetryRpcServer.STAT_BAD_FRAMES));
    }

    private interface IoAction {
        void run(RawWire w) throws Exception;
    }

    private static Consumer<RawWire> io(IoAction a) {
        return w -> {
            try {
                a.run(w);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void badMagicClosesOnlyThatConnection() throws Exception {
        assertClosesAndServerSurvives(io(w -> w.send(0, 1, 1, 3, 0xDEADBEEF, new byte[0])));
    }

    @Test
    void hugeLengthClosesOnlyThatConnection() throws Exception {
        assertClosesAndServerSurvives(io(w -> w.send(0x7FFFFFFF, 1, 1, 1, 0xCAFEFEED, new byte[0])));
    }

    @Test
    void unknownTypeClosesOnlyThatConnection() throws Exception {
        assertClosesAndServerSurvives(io(w -> {
            w.handshake();
            w.send(0, 1, 1, 77, 0xCAFEFEED, new byte[0]);
        }));
    }

    @Test
    void rpcBeforeIdentifyingClosesOnlyThatConnection() throws Exception {
        assertClosesAndServerSurvives(io(w -> w.send(MessageType.RPC, request(1, 1, 0, "Echo", "{}"))));
    }

    @Test
    void badJsonClosesOnlyThatConnection() throws Exception {
        assertClosesAndServerSurvives(io(w -> {
            w.handshake();
            w.send(MessageType.RPC, "{\"myuniqueid\": nope");
        }));
    }

    @Test
    void stalledFrameIsCutAfterDeadlineIO() throws Exception {
        server.close();
        server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0)
                .withDeadlineIO(Duration.ofMillis(300)).withTrimming(Duration.ofMinutes(1), Duration.ofMillis(50)),
                service.registry());
        server.start();
        try (RawWire w = new RawWire(server.port())) {
            w.handshake();
            w.socket.getOutputStream().write(new byte[] {0, 0, 0, 5, 0, 1});
            w.socket.getOutputStream().flush();
            assertTrue(w.closedByServer());
        }
        assertEquals(1, server.stats().get(RetryRpcServer.STAT_IO_TIMEOUTS));
    }
}
