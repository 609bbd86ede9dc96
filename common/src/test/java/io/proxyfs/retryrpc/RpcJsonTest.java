package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RpcJsonTest {
    private final ObjectMapper mapper = RpcJson.defaultMapper();

    @Test
    void requestHasTheOriginalFieldNamesAndOrder() {
        byte[] b = RpcJson.encodeRequest(mapper, 7, 3, 2, "Mount", "{\"VolumeName\":\"v\"}");
        assertEquals("{\"myuniqueid\":7,\"requestid\":3,\"highestReplySeen\":2,\"method\":\"Mount\","
                + "\"params\":[{\"VolumeName\":\"v\"}]}", new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void replyCarriesEmptyErrstrOnSuccessAndNullResultOnError() throws Exception {
        assertEquals("{\"myuniqueid\":7,\"requestid\":3,\"errstr\":\"\",\"result\":{\"MountID\":\"m\"}}",
                new String(RpcJson.encodeReply(mapper, 7, 3, "", Map.of("MountID", "m")), StandardCharsets.UTF_8));
        assertEquals("{\"myuniqueid\":7,\"requestid\":3,\"errstr\":\"EMissingLease: x\",\"result\":null}",
                new String(RpcJson.encodeReply(mapper, 7, 3, "EMissingLease: x", Map.of("a", 1)),
                        StandardCharsets.UTF_8));
    }

    @Test
    void idsAreBareUnsignedNumbers() throws Exception {
        assertEquals("18446744073709551615", new String(RpcJson.encodeId(-1L), StandardCharsets.US_ASCII));
        assertEquals(-1L, RpcJson.decodeId("18446744073709551615".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(42L, RpcJson.decodeId(" 42\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(BadFrameException.class, () -> RpcJson.decodeId("\"42\"".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void decodesRequestsAndRejectsMalformedOnes() throws Exception {
        RpcJson.Request r = RpcJson.decodeRequest(mapper, ("{\"myuniqueid\":18446744073709551615,\"requestid\":1,"
                + "\"highestReplySeen\":0,\"method\":\"Ping\",\"params\":[{\"x\":1}]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(-1L, r.clientId());
        assertEquals("Ping", r.method());
        assertEquals(1, r.params().get("x").asInt());
        RpcJson.Request noParams = RpcJson.decodeRequest(mapper,
                "{\"myuniqueid\":1,\"requestid\":1,\"method\":\"Ping\"}".getBytes(StandardCharsets.UTF_8));
        assertNull(noParams.params());
        for (String bad : new String[] {"not json", "[1]", "{\"myuniqueid\":1,\"requestid\":1}",
                "{\"myuniqueid\":-1,\"requestid\":1,\"method\":\"m\"}",
                "{\"myuniqueid\":1,\"requestid\":1.5,\"method\":\"m\"}"}) {
            assertThrows(BadFrameException.class, () -> RpcJson.decodeRequest(mapper, bad.getBytes(StandardCharsets.UTF_8)),
                    bad);
        }
    }
}
