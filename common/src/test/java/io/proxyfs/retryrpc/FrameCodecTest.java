package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameCodecTest {

    @Test
    void headerIsBigEndianWithMagicLast() {
        byte[] h = FrameCodec.header(MessageType.PASS_ID, 0x01020304);
        assertEquals("01020304" + "0001" + "0001" + "0005" + "cafefeed", HexFormat.of().formatHex(h));
    }

    @Test
    void messageTypeCodesMatchTheOriginal() {
        assertEquals(1, MessageType.RPC.code());
        assertEquals(2, MessageType.UPCALL.code());
        assertEquals(3, MessageType.ASK_MY_UNIQUE_ID.code());
        assertEquals(4, MessageType.RETURN_UNIQUE_ID.code());
        assertEquals(5, MessageType.PASS_ID.code());
        assertNull(MessageType.fromCode(9));
    }

    @Test
    void roundTripsFramesBackToBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameCodec.write(out, MessageType.RPC, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        FrameCodec.write(out, MessageType.ASK_MY_UNIQUE_ID, new byte[0]);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        boolean[] started = {false};
        Frame f1 = FrameCodec.read(in, 1024, () -> started[0] = true);
        assertTrue(started[0]);
        assertEquals(MessageType.RPC, f1.type());
        assertEquals("{\"a\":1}", new String(f1.body(), StandardCharsets.UTF_8));
        Frame f2 = FrameCodec.read(in, 1024, null);
        assertEquals(MessageType.ASK_MY_UNIQUE_ID, f2.type());
        assertArrayEquals(new byte[0], f2.body());
        assertNull(FrameCodec.read(in, 1024, null), "clean end of stream at a frame boundary");
    }

    @Test
    void rejectsBadMagic() {
        byte[] h = FrameCodec.header(MessageType.RPC, 0);
        h[13] = 0;
        BadFrameException e = assertThrows(BadFrameException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(h), 1024, null));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void rejectsAbsurdLengthBeforeAllocating() {
        byte[] h = FrameCodec.header(MessageType.RPC, -1);
        BadFrameException e = assertThrows(BadFrameException.class,
                () -> FrameCodec.read(new ByteArrayInputStream(h), 64 << 20, null));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void rejectsUnknownProtocolAndVersion() {
        byte[] h = FrameCodec.header(MessageType.RPC, 0);
        h[5] = 2;
        assertThrows(BadFrameException.class, () -> FrameCodec.read(new ByteArrayInputStream(h), 1024, null));
        byte[] v = FrameCodec.header(MessageType.RPC, 0);
        v[7] = 7;
        assertThrows(BadFrameException.class, () -> FrameCodec.read(new ByteArrayInputStream(v), 1024, null));
    }

    @Test
    void truncatedBodyIsEof() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FrameCodec.header(MessageType.RPC, 10));
        out.writeBytes(new byte[4]);
        assertThrows(EOFException.class, () -> FrameCodec.read(new ByteArrayInputStream(out.toByteArray()), 1024, null));
    }
}
