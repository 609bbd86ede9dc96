package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the retryrpc wire: the frame decoder gets 100,000 random and mutated byte streams (a
 * frame or a clear refusal, never another exception, never a body above the limit), and a running
 * server gets thousands of connections speaking mutated frames and mutated request JSON (it answers
 * or drops the connection, and keeps serving a well-behaved client throughout).
 * {@code -Dproxyfs.fuzz.wireCases=N} sets the number of server connections (default 2,000).
 */
class WireFuzzTest {
    private static final int MAX_BODY = 4096;

    @Property(tries = 100_000)
    void theFrameDecoderReadsAFrameOrRefusesClearly(@ForAll("streams") byte[] stream) throws IOException {
        try {
            Frame f = FrameCodec.read(new ByteArrayInputStream(stream), MAX_BODY, null);
            if (f != null) {
                assertTrue(f.body().length <= MAX_BODY);
            }
        } catch (BadFrameException | EOFException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> mutated = Arbitraries.longs().map(WireFuzzTest::mutatedFrame);
        return Arbitraries.oneOf(random, mutated);
    }

    /** A valid RPC frame with a request body, then damaged in one of several ways. */
    static byte[] mutatedFrame(long seed) {
        Random r = new Random(seed);
        byte[] body = mutatedRequest(r).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(14 + body.length);
        b.putInt(body.length).putShort((short) 1).putShort((short) 1).putShort((short) (1 + r.nextInt(5)))
                .putInt(0xCAFEFEED).put(body);
        byte[] frame = b.array();
        switch (r.nextInt(5)) {
            case 0 -> frame[r.nextInt(14)] ^= (byte) (1 + r.nextInt(255));             // header field
            case 1 -> ByteBuffer.wrap(frame).putInt(0, r.nextBoolean() ? -1 : MAX_BODY + 1 + r.nextInt(1 << 20)); // length
            case 2 -> frame = java.util.Arrays.copyOf(frame, r.nextInt(frame.length + 1));   // cut short
            case 3 -> {                                                                       // body byte
                if (body.length > 0) {
                    frame[14 + r.nextInt(body.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            default -> { }                                                                    // as is
        }
        return frame;
    }

    /** Request JSON, often malformed: wrong types, missing fields, huge numbers, odd methods. */
    static String mutatedRequest(Random r) {
        String[] ids = {"1", "-1", "18446744073709551615", "18446744073709551616", "\"x\"", "null", "1e400", "0"};
        String[] methods = {"\"Echo\"", "\"Fail\"", "\"\"", "null", "7", "\"" + "E".repeat(r.nextInt(300)) + "\""};
        String[] params = {"[{\"Message\":\"hi\",\"Token\":\"t\"}]", "[]", "{}", "[null]", "[1,2,3]", "\"p\"",
            "[{\"Message\":" + "[".repeat(r.nextInt(50)) + "}]", "[{\"Message\":\"" + "\\u0000".repeat(r.nextInt(20)) + "\"}]"};
        String json = "{\"myuniqueid\":" + ids[r.nextInt(ids.length)] + ",\"requestid\":" + ids[r.nextInt(ids.length)]
                + ",\"highestReplySeen\":" + ids[r.nextInt(ids.length)] + ",\"method\":" + methods[r.nextInt(methods.length)]
                + ",\"params\":" + params[r.nextInt(params.length)] + "}";
        if (r.nextInt(4) == 0) {
            json = json.substring(0, r.nextInt(json.length() + 1));
        }
        return json;
    }

    @Test
    @Timeout(300)
    void aServerKeepsServingWhileConnectionsSpeakGarbage() throws Exception {
        int cases = Integer.getInteger("proxyfs.fuzz.wireCases", 2_000);
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0).withWorkerCount(4),
                service.registry());
        server.start();
        try (RetryRpcClient good = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port())
                .withCallDeadline(Duration.ofSeconds(20)), null, null)) {
            Random r = new Random(20261207L);
            for (int i = 0; i < cases; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    s.setSoTimeout(2_000);
                    if (r.nextBoolean()) {
                        s.getOutputStream().write(ByteBuffer.allocate(14).putInt(0).putShort((short) 1).putShort((short) 1)
                                .putShort((short) MessageType.ASK_MY_UNIQUE_ID.code()).putInt(0xCAFEFEED).array());
                    }
                    for (int f = 0, n = 1 + r.nextInt(3); f < n; f++) {
                        s.getOutputStream().write(mutatedFrame(r.nextLong()));
                    }
                    s.getOutputStream().flush();
                } catch (IOException closedByServer) {
                    // The server may drop the connection while the garbage is still being written.
                }
                if (i % 200 == 0) {
                    assertEquals("still here " + i, good.call("Echo", new EchoService.EchoRequest("still here " + i, "g", 0),
                            EchoService.EchoReply.class).message());
                }
            }
            assertEquals("at the end", good.call("Echo", new EchoService.EchoRequest("at the end", "g", 0),
                    EchoService.EchoReply.class).message());
        } finally {
            server.close();
            service.close();
        }
    }
}
