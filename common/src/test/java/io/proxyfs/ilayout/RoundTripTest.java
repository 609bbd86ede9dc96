package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoding then decoding gives back the same value, for random values (fixed seed) and edges. */
class RoundTripTest {
    private static final int ROUNDS = 500;

    private final Random random = new Random(0x5052_4F58_5946_5332L);

    @Test
    void checkPoints() throws LayoutException {
        for (int i = 0; i < ROUNDS; i++) {
            CheckPointV1 value = new CheckPointV1(u64(), u64(), u64());
            assertEquals(value, CheckPointV1.parse(value.toText()));
            assertEquals(value, CheckPointV1.unmarshal(value.marshal()));
        }
    }

    @Test
    void objectTrailers() throws LayoutException {
        for (int i = 0; i < ROUNDS; i++) {
            ObjectTrailer value = new ObjectTrailer(random.nextInt(0x10000),
                    random.nextInt(0x10000), random.nextLong() & 0xFFFF_FFFFL);
            byte[] bytes = value.marshal();
            assertEquals(ObjectTrailer.SIZE, bytes.length);
            assertEquals(value, ObjectTrailer.readFrom(LayoutReader.of(bytes, "test")));
        }
        ObjectTrailer max = new ObjectTrailer(0xFFFF, 0xFFFF, 0xFFFF_FFFFL);
        assertEquals(max, ObjectTrailer.readFrom(LayoutReader.of(max.marshal(), "test")));
    }

    @Test
    void superBlocks() throws LayoutException {
        for (int i = 0; i < ROUNDS; i++) {
            SuperBlockV1 value = new SuperBlockV1(u64(), u64(), u64(), layout(), u64(), u64(),
                    u64(), longs());
            byte[] bytes = value.marshal();
            assertEquals(8 * 8 + 24 * value.inodeTableLayout().size()
                    + 8 * value.pendingDeleteObjectNumberArray().size() + 8, bytes.length);
            SuperBlockV1 decoded = SuperBlockV1.unmarshal(bytes);
            assertEquals(value, decoded);
            assertArrayEquals(bytes, decoded.marshal());
        }
    }

    @Test
    void inodeHeads() throws LayoutException {
        for (int i = 0; i < ROUNDS; i++) {
            InodeHeadV1 value = inodeHead();
            byte[] bytes = value.marshal();
            InodeHeadV1 decoded = InodeHeadV1.unmarshal(bytes);
            assertEquals(value, decoded);
            assertArrayEquals(bytes, decoded.marshal());
        }
    }

    @Test
    void valuesPackedOneAfterAnotherAsInABPlusTreeLeaf() throws LayoutException {
        List<Object> values = new ArrayList<>();
        LayoutWriter writer = new LayoutWriter();
        for (int i = 0; i < ROUNDS; i++) {
            long key = u64();
            writer.raw(BPlusTreeKeys.packU64(key));
            values.add(key);
            String name = string();
            writer.raw(BPlusTreeKeys.packName(name));
            values.add(name);
            InodeTableEntryValueV1 entry = new InodeTableEntryValueV1(u64(), u64());
            entry.writeTo(writer);
            values.add(entry);
            DirectoryEntryValueV1 dirEntry = new DirectoryEntryValueV1(u64(), inodeType());
            writer.raw(dirEntry.marshal());
            values.add(dirEntry);
            ExtentMapEntryValueV1 extent = new ExtentMapEntryValueV1(u64(), u64(), u64());
            extent.writeTo(writer);
            values.add(extent);
        }
        ByteBuffer buf = ByteBuffer.wrap(writer.toByteArray());
        for (int i = 0; i < values.size(); i += 5) {
            assertEquals(values.get(i), BPlusTreeKeys.unpackU64(buf));
            assertEquals(values.get(i + 1), BPlusTreeKeys.unpackName(buf));
            int before = buf.position();
            assertEquals(values.get(i + 2), InodeTableEntryValueV1.unmarshal(buf));
            assertEquals(before + InodeTableEntryValueV1.SIZE, buf.position());
            assertEquals(values.get(i + 3), DirectoryEntryValueV1.unmarshal(buf));
            assertEquals(before + InodeTableEntryValueV1.SIZE + DirectoryEntryValueV1.SIZE,
                    buf.position());
            assertEquals(values.get(i + 4), ExtentMapEntryValueV1.unmarshal(buf));
        }
        assertFalse(buf.hasRemaining());
    }

    @Test
    void fixedSizeValuesByteArrayForm() throws LayoutException {
        for (int i = 0; i < ROUNDS; i++) {
            InodeTableEntryValueV1 entry = new InodeTableEntryValueV1(u64(), u64());
            assertEquals(entry, InodeTableEntryValueV1.unmarshal(entry.marshal()));
            DirectoryEntryValueV1 dirEntry = new DirectoryEntryValueV1(u64(), inodeType());
            assertEquals(dirEntry, DirectoryEntryValueV1.unmarshal(dirEntry.marshal()));
            ExtentMapEntryValueV1 extent = new ExtentMapEntryValueV1(u64(), u64(), u64());
            assertEquals(extent, ExtentMapEntryValueV1.unmarshal(extent.marshal()));
        }
    }

    @Test
    void recordsAreImmutable() {
        List<LayoutEntryV1> layout = new ArrayList<>(List.of(new LayoutEntryV1(1, 2, 3)));
        List<Long> pending = new ArrayList<>(List.of(7L));
        SuperBlockV1 superBlock = new SuperBlockV1(1, 2, 3, layout, 4, 5, 6, pending);
        layout.clear();
        pending.add(8L);
        assertEquals(1, superBlock.inodeTableLayout().size());
        assertEquals(List.of(7L), superBlock.pendingDeleteObjectNumberArray());
        assertThrows(UnsupportedOperationException.class,
                () -> superBlock.pendingDeleteObjectNumberArray().add(9L));

        byte[] value = {1, 2, 3};
        InodeStreamTableEntry stream = new InodeStreamTableEntry("user.x", value);
        value[0] = 9;
        stream.value()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, stream.value());
        assertEquals(new InodeStreamTableEntry("user.x", new byte[] {1, 2, 3}), stream);
        assertEquals(new InodeStreamTableEntry("user.x", new byte[] {1, 2, 3}).hashCode(),
                stream.hashCode());

        List<InodeStreamTableEntry> streams = new ArrayList<>(List.of(stream));
        InodeHeadV1 head = new InodeHeadV1(2, InodeType.FILE, List.of(), 0, 0, 0, 0644, 0, 0,
                streams, 0, 0, 0, "", List.of());
        streams.clear();
        assertEquals(List.of(stream), head.streamTable());
        assertThrows(UnsupportedOperationException.class, () -> head.linkTable().add(null));
    }

    @Test
    void constructorsRefuseValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new InodeHeadV1(2, InodeType.FILE,
                List.of(), 0, 0, 0, 0x10000, 0, 0, List.of(), 0, 0, 0, "", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ObjectTrailer(0x10000, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ObjectTrailer(1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ObjectTrailer(1, 1, 1L << 32));
        assertThrows(NullPointerException.class, () -> new DirectoryEntryValueV1(1, null));
        assertThrows(NullPointerException.class, () -> new InodeLinkTableEntry(1, null));
        InodeHeadV1 badName = new InodeHeadV1(2, InodeType.FILE,
                List.of(new InodeLinkTableEntry(1, "\udc00")), 0, 0, 0, 0, 0, 0, List.of(),
                0, 0, 0, "", List.of());
        assertThrows(IllegalArgumentException.class, badName::marshal);
    }

    private InodeHeadV1 inodeHead() {
        List<InodeLinkTableEntry> links = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            links.add(new InodeLinkTableEntry(u64(), string()));
        }
        List<InodeStreamTableEntry> streams = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            byte[] value = new byte[random.nextInt(40)];
            random.nextBytes(value);
            streams.add(new InodeStreamTableEntry(string(), value));
        }
        return new InodeHeadV1(u64(), inodeType(), links, u64(), random.nextLong(),
                random.nextLong(), random.nextInt(0x10000), u64(), u64(), streams, u64(), u64(),
                u64(), string(), layout());
    }

    private List<LayoutEntryV1> layout() {
        List<LayoutEntryV1> entries = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            entries.add(new LayoutEntryV1(u64(), u64(), u64()));
        }
        return entries;
    }

    private List<Long> longs() {
        List<Long> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            values.add(u64());
        }
        return values;
    }

    private InodeType inodeType() {
        return InodeType.values()[random.nextInt(InodeType.values().length)];
    }

    /** A u64: often an edge value, otherwise random over all 64 bits. */
    private long u64() {
        return switch (random.nextInt(6)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MIN_VALUE;
            case 3 -> random.nextInt(1000);
            default -> random.nextLong();
        };
    }

    /** A string of ASCII, Latin-1, CJK and supplementary-plane characters (no lone surrogates). */
    private String string() {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x60);
                case 2 -> 0x4E00 + random.nextInt(0x100);
                default -> 0x1F600 + random.nextInt(0x40);
            };
            s.appendCodePoint(codePoint);
        }
        return s.toString();
    }
}
