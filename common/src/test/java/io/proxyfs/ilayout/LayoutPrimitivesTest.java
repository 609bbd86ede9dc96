package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The little-endian reader/writer pair and the B+tree key codecs. */
class LayoutPrimitivesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void writesLittleEndian() {
        byte[] bytes = new LayoutWriter()
                .u8(0xAB).u16(0x1234).u32(0xDEADBEEFL).u64(0x0102030405060708L)
                .string("é").bytes(new byte[] {0, (byte) 0xFF}).raw(new byte[] {7})
                .toByteArray();
        assertEquals("ab" + "3412" + "efbeadde" + "0807060504030201"
                + "0200000000000000c3a9" + "020000000000000000ff" + "07", HEX.formatHex(bytes));
    }

    @Test
    void readsWhatItWrites() throws LayoutException {
        byte[] bytes = new LayoutWriter().u8(255).u16(65535).u32(0xFFFFFFFFL).u64(-1L)
                .string("😀 ok").bytes(new byte[0]).toByteArray();
        LayoutReader reader = LayoutReader.of(bytes, "test");
        assertEquals(255, reader.u8("a"));
        assertEquals(65535, reader.u16("b"));
        assertEquals(0xFFFFFFFFL, reader.u32("c"));
        assertEquals(-1L, reader.u64("d"));
        assertEquals("😀 ok", reader.string("e"));
        assertArrayEquals(new byte[0], reader.bytes("f"));
        assertEquals(bytes.length, reader.offset());
        reader.expectEnd();
    }

    @Test
    void writerRefusesValuesThatDoNotFit() {
        LayoutWriter writer = new LayoutWriter();
        assertThrows(IllegalArgumentException.class, () -> writer.u8(256));
        assertThrows(IllegalArgumentException.class, () -> writer.u8(-1));
        assertThrows(IllegalArgumentException.class, () -> writer.u16(0x10000));
        assertThrows(IllegalArgumentException.class, () -> writer.u32(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> writer.u32(-1));
        assertThrows(IllegalArgumentException.class, () -> writer.string("bad \ud800 surrogate"));
        assertEquals(0, writer.size());
    }

    @Test
    void writerGrowsPastItsInitialCapacity() {
        LayoutWriter writer = new LayoutWriter(1);
        for (int i = 0; i < 1000; i++) {
            writer.u64(i);
        }
        assertEquals(8000, writer.size());
        byte[] bytes = writer.toByteArray();
        assertEquals(999, ByteBuffer.wrap(bytes, 7992, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void readerRefusesToReadPastTheEnd() {
        LayoutReader reader = LayoutReader.of(new byte[] {1, 2, 3}, "Thing");
        LayoutException e = assertThrows(LayoutException.class, () -> reader.u32("Field"));
        assertEquals("Thing", e.structure());
        assertEquals("Field", e.field());
        assertEquals(0, e.offset());
        assertEquals("Thing.Field at offset 0: truncated: needs 4 bytes, 3 remain", e.getMessage());
        assertEquals(0, reader.offset());
    }

    @Test
    void readerRefusesLengthsAndCountsBeyondWhatRemains() throws LayoutException {
        byte[] huge = new LayoutWriter().u64(-1L).u64(0).toByteArray();
        assertThrows(LayoutException.class, () -> LayoutReader.of(huge, "t").string("s"));
        assertThrows(LayoutException.class, () -> LayoutReader.of(huge, "t").bytes("b"));
        assertThrows(LayoutException.class, () -> LayoutReader.of(huge, "t").count("c", 1));
        byte[] nine = new LayoutWriter().u64(9).raw(new byte[8]).toByteArray();
        assertThrows(LayoutException.class, () -> LayoutReader.of(nine, "t").bytes("b"));
        assertThrows(LayoutException.class, () -> LayoutReader.of(nine, "t").count("c", 1));
        byte[] two = new LayoutWriter().u64(2).raw(new byte[16]).toByteArray();
        assertEquals(2, LayoutReader.of(two, "t").count("c", 8));
        assertThrows(LayoutException.class, () -> LayoutReader.of(two, "t").count("c", 9));
    }

    @Test
    void readerRefusesMalformedUtf8() {
        for (String hex : new String[] {"ff", "c328", "c0af", "eda080", "e282"}) {
            byte[] bytes = new LayoutWriter().bytes(HEX.parseHex(hex)).toByteArray();
            LayoutException e = assertThrows(LayoutException.class,
                    () -> LayoutReader.of(bytes, "t").string("Name"), hex);
            assertEquals("Name", e.field());
        }
    }

    @Test
    void readerOverAWindowReportsOffsetsFromItsStart() throws LayoutException {
        byte[] bytes = HEX.parseHex("ffff" + "0100000000000000" + "ff");
        LayoutReader reader = LayoutReader.of(bytes, 2, 8, "t");
        assertEquals(1, reader.u64("x"));
        LayoutException e = assertThrows(LayoutException.class, () -> reader.u8("y"));
        assertEquals(8, e.offset());
    }

    @Test
    void expectEndRefusesTrailingBytes() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> LayoutReader.decodeExactly(new byte[9], "t", r -> r.u64("x")));
        assertEquals(8, e.offset());
    }

    @Test
    void decodePrefixAdvancesOnlyOnSuccessAndKeepsTheCallersByteOrder() throws LayoutException {
        ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex("aa" + "0200000000000000" + "0300"));
        buf.position(1);
        assertEquals(2L, BPlusTreeKeys.unpackU64(buf));
        assertEquals(9, buf.position());
        assertEquals(ByteOrder.BIG_ENDIAN, buf.order());
        assertThrows(LayoutException.class, () -> BPlusTreeKeys.unpackU64(buf));
        assertEquals(9, buf.position());
    }

    @Test
    void keysPackAsTheBPlusTreesExpect() throws LayoutException {
        assertEquals("0100000000000000", HEX.formatHex(BPlusTreeKeys.packU64(1)));
        assertEquals("ffffffffffffffff", HEX.formatHex(BPlusTreeKeys.packU64(-1L)));
        assertEquals("02000000000000002e2e", HEX.formatHex(BPlusTreeKeys.packName("..")));
        ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex("01000000000000002e" + "09"));
        assertEquals(".", BPlusTreeKeys.unpackName(buf));
        assertEquals(9, buf.position());
        ByteBuffer bad = ByteBuffer.wrap(HEX.parseHex("0500000000000000616263"));
        LayoutException e = assertThrows(LayoutException.class,
                () -> BPlusTreeKeys.unpackName(bad));
        assertEquals("NameKey", e.structure());
        assertEquals(0, bad.position());
    }
}
