package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Truncated, extended and corrupted input is refused with {@link LayoutException} (never another
 * exception, never a wrong value), and hostile counts and lengths are refused before allocation.
 */
class CorruptInputTest {
    private static final long[] HUGE = {-1L, Long.MIN_VALUE, 1L << 32, Integer.MAX_VALUE, 1L << 20};

    /** A file inode head with every table filled; offsets below are into its encoding. */
    private static final InodeHeadV1 FILE_HEAD = new InodeHeadV1(0x1234, InodeType.FILE,
            List.of(new InodeLinkTableEntry(1, "name")), 4096, 1, 2, 0644, 1000, 1000,
            List.of(new InodeStreamTableEntry("user.a", new byte[] {1, 2})), 7, 0, 100, "",
            List.of(new LayoutEntryV1(7, 4196, 4196)));
    private static final int LINK_COUNT_AT = 9;
    private static final int LINK_NAME_LENGTH_AT = 9 + 8 + 8;
    private static final int STREAM_COUNT_AT = LINK_NAME_LENGTH_AT + 8 + 4 + 8 * 3 + 2 + 8 * 2;
    private static final int STREAM_NAME_LENGTH_AT = STREAM_COUNT_AT + 8;
    private static final int STREAM_VALUE_LENGTH_AT = STREAM_NAME_LENGTH_AT + 8 + 6;
    private static final int SYMLINK_LENGTH_AT = STREAM_VALUE_LENGTH_AT + 8 + 2 + 8 * 3;
    private static final int LAYOUT_COUNT_AT = SYMLINK_LENGTH_AT + 8;

    private static final SuperBlockV1 SUPER_BLOCK = new SuperBlockV1(3, 0, 58,
            List.of(new LayoutEntryV1(3, 58, 58), new LayoutEntryV1(4, 100, 50)), 1, 63, 63,
            List.of(5L, 6L));
    private static final int SB_LAYOUT_COUNT_AT = 24;
    private static final int SB_PENDING_COUNT_AT = SB_LAYOUT_COUNT_AT + 8 + 2 * 24 + 24;

    @TestFactory
    Stream<DynamicTest> everyTruncationOfEveryGoldenEncodingIsRefused() throws Exception {
        return GoldenVectorsTest.vectors().stream().map(v -> DynamicTest.dynamicTest(
                v.toString(), () -> checkTruncations(v.kind(), v.bytes())));
    }

    private static void checkTruncations(String kind, byte[] bytes) throws LayoutException {
        switch (kind) {
            case "SuperBlockV1" -> checkTrailed(bytes, SuperBlockV1::unmarshal,
                    LayoutConstants.SUPER_BLOCK_TYPE);
            case "InodeHeadV1" -> checkTrailed(bytes, InodeHeadV1::unmarshal,
                    LayoutConstants.INODE_HEAD_TYPE);
            case "InodeTableEntryValueV1" -> checkFixedSize(bytes,
                    InodeTableEntryValueV1::unmarshal, InodeTableEntryValueV1::unmarshal);
            case "DirectoryEntryValueV1" -> checkFixedSize(bytes,
                    DirectoryEntryValueV1::unmarshal, DirectoryEntryValueV1::unmarshal);
            case "ExtentMapEntryValueV1" -> checkFixedSize(bytes,
                    ExtentMapEntryValueV1::unmarshal, ExtentMapEntryValueV1::unmarshal);
            case "ObjectTrailer" -> {
                for (int k = 0; k < bytes.length; k++) {
                    byte[] prefix = Arrays.copyOf(bytes, k);
                    refused(() -> ObjectTrailer.unmarshal(prefix));
                    refused(() -> ObjectTrailer.readFrom(LayoutReader.of(prefix, "t")));
                }
            }
            case "ObjectName" -> {
                for (int k = 0; k < bytes.length; k++) {
                    String prefix = new String(bytes, 0, k, StandardCharsets.US_ASCII);
                    refused(() -> ObjectNames.numberOf(prefix));
                }
            }
            case "LEString" -> {
                for (int k = 0; k < bytes.length; k++) {
                    byte[] prefix = Arrays.copyOf(bytes, k);
                    refused(() -> LayoutReader.decodeExactly(prefix, "t", r -> r.string("s")));
                    refused(() -> BPlusTreeKeys.unpackName(ByteBuffer.wrap(prefix)));
                }
            }
            case "CheckPointV1" -> checkCheckPointTruncations(bytes);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    /**
     * A structure followed by its trailer: every prefix, every suffix, every shorter or longer
     * payload behind a trailer that agrees with it, and every trailer bit flipped is refused.
     */
    private static void checkTrailed(byte[] bytes, Decoder decoder, int objType)
            throws LayoutException {
        decoder.decode(bytes);
        for (int k = 0; k < bytes.length; k++) {
            byte[] prefix = Arrays.copyOf(bytes, k);
            refused(() -> decoder.decode(prefix));
            byte[] suffix = Arrays.copyOfRange(bytes, bytes.length - k, bytes.length);
            refused(() -> decoder.decode(suffix));
        }
        int payload = bytes.length - ObjectTrailer.SIZE;
        for (int k = 0; k < payload; k++) {
            byte[] shorter = seal(Arrays.copyOf(bytes, k), objType, 1);
            refused(() -> decoder.decode(shorter));
        }
        for (int extra = 1; extra <= 9; extra++) {
            byte[] longer = seal(Arrays.copyOf(bytes, payload + extra), objType, 1);
            LayoutException e = refused(() -> decoder.decode(longer));
            assertEquals("end", e.field());
            assertEquals(payload, e.offset());
        }
        for (int i = payload; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = bytes.clone();
                flipped[i] ^= (byte) (1 << bit);
                LayoutException e = refused(() -> decoder.decode(flipped));
                assertTrue(e.field().startsWith("ObjectTrailer"), e.getMessage());
            }
        }
    }

    /** A fixed-size B+tree value: every prefix is refused, in both forms; extra bytes too. */
    private static void checkFixedSize(byte[] bytes, Decoder fromArray, BufferDecoder fromBuffer)
            throws LayoutException {
        for (int k = 0; k < bytes.length; k++) {
            byte[] prefix = Arrays.copyOf(bytes, k);
            refused(() -> fromArray.decode(prefix));
            ByteBuffer buf = ByteBuffer.wrap(prefix);
            refused(() -> fromBuffer.decode(buf));
            assertEquals(0, buf.position(), "a failed decode must not move the position");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        LayoutException e = refused(() -> fromArray.decode(longer));
        assertEquals(bytes.length, e.offset());
        ByteBuffer buf = ByteBuffer.wrap(longer);
        assertEquals(fromArray.decode(bytes), fromBuffer.decode(buf));
        assertEquals(bytes.length, buf.position());
    }

    /**
     * The checkpoint text keeps the original's leniency: cut before the last field it is
     * refused; cut inside the last field it still parses (to a shorter number), as in Go.
     */
    private static void checkCheckPointTruncations(byte[] bytes) throws LayoutException {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int lastFieldAt = text.lastIndexOf(' ') + 1;
        for (int k = 0; k <= lastFieldAt; k++) {
            String prefix = text.substring(0, k);
            refused(() -> CheckPointV1.parse(prefix));
        }
        CheckPointV1 whole = CheckPointV1.parse(text);
        for (int k = lastFieldAt + 1; k < text.length(); k++) {
            CheckPointV1 cut = CheckPointV1.parse(text.substring(0, k));
            assertEquals(whole.superBlockLength(), cut.superBlockLength());
            assertEquals(Long.parseUnsignedLong(text.substring(lastFieldAt, k), 16),
                    cut.reservedToNonce());
        }
    }

    @Test
    void wrongTrailerTypeOrVersionIsRefused() throws LayoutException {
        byte[] head = FILE_HEAD.marshal();
        byte[] superBlock = SUPER_BLOCK.marshal();
        assertEquals("ObjectTrailer.ObjType", refused(() -> SuperBlockV1.unmarshal(head)).field());
        assertEquals("ObjectTrailer.ObjType", refused(() -> InodeHeadV1.unmarshal(superBlock))
                .field());
        for (int version : new int[] {0, 2, 0xFFFF}) {
            byte[] sb = seal(payloadOf(superBlock), LayoutConstants.SUPER_BLOCK_TYPE, version);
            assertEquals("ObjectTrailer.Version", refused(() -> SuperBlockV1.unmarshal(sb))
                    .field());
            byte[] ih = seal(payloadOf(head), LayoutConstants.INODE_HEAD_TYPE, version);
            assertEquals("ObjectTrailer.Version", refused(() -> InodeHeadV1.unmarshal(ih))
                    .field());
        }
        assertEquals(FILE_HEAD, InodeHeadV1.unmarshal(
                seal(payloadOf(head), LayoutConstants.INODE_HEAD_TYPE, 1)));
    }

    @Test
    void inodeTableEntryVersionOtherThanOneIsRefused() {
        for (long version : new long[] {0, 2, -1L, Long.MIN_VALUE}) {
            byte[] bytes = new LayoutWriter().u64(version).u64(5).u64(6).toByteArray();
            LayoutException e = refused(() -> InodeTableEntryValueV1.unmarshal(bytes));
            assertEquals("Version", e.field());
            assertEquals(0, e.offset());
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            refused(() -> InodeTableEntryValueV1.unmarshal(buf));
            assertEquals(0, buf.position());
        }
    }

    @Test
    void unknownInodeTypeIsRefused() {
        for (int type : new int[] {3, 0x7F, 0xFF}) {
            byte[] head = payloadOf(FILE_HEAD.marshal());
            head[8] = (byte) type;
            LayoutException e = refused(() -> InodeHeadV1.unmarshal(
                    seal(head, LayoutConstants.INODE_HEAD_TYPE, 1)));
            assertEquals("InodeType", e.field());
            assertEquals(8, e.offset());
            byte[] entry = new DirectoryEntryValueV1(9, InodeType.DIR).marshal();
            entry[8] = (byte) type;
            assertEquals("InodeType", refused(() -> DirectoryEntryValueV1.unmarshal(entry))
                    .field());
        }
    }

    @Test
    void hugeCountsAndLengthsInAnInodeHeadAreRefusedBeforeAllocating() throws LayoutException {
        byte[] head = FILE_HEAD.marshal();
        checkHuge(head, LINK_COUNT_AT, 1, "LinkTable.count", InodeHeadV1::unmarshal);
        checkHuge(head, LINK_NAME_LENGTH_AT, 4, "LinkTable[0].ParentDirEntryName",
                InodeHeadV1::unmarshal);
        checkHuge(head, STREAM_COUNT_AT, 1, "StreamTable.count", InodeHeadV1::unmarshal);
        checkHuge(head, STREAM_NAME_LENGTH_AT, 6, "StreamTable[0].Name", InodeHeadV1::unmarshal);
        checkHuge(head, STREAM_VALUE_LENGTH_AT, 2, "StreamTable[0].Value",
                InodeHeadV1::unmarshal);
        checkHuge(head, SYMLINK_LENGTH_AT, 0, "SymLinkTarget", InodeHeadV1::unmarshal);
        checkHuge(head, LAYOUT_COUNT_AT, 1, "Layout.count", InodeHeadV1::unmarshal);
    }

    @Test
    void hugeCountsInASuperBlockAreRefusedBeforeAllocating() throws LayoutException {
        byte[] superBlock = SUPER_BLOCK.marshal();
        checkHuge(superBlock, SB_LAYOUT_COUNT_AT, 2, "InodeTableLayout.count",
                SuperBlockV1::unmarshal);
        checkHuge(superBlock, SB_PENDING_COUNT_AT, 2, "PendingDeleteObjectNumberArray.count",
                SuperBlockV1::unmarshal);
    }

    @Test
    void countOneMoreThanTheBytesCanHoldIsRefused() {
        byte[] superBlock = SUPER_BLOCK.marshal();
        byte[] patched = withU64(superBlock, SB_PENDING_COUNT_AT, 3);
        LayoutException e = refused(() -> SuperBlockV1.unmarshal(patched));
        assertEquals("PendingDeleteObjectNumberArray.count", e.field());
        assertEquals(SB_PENDING_COUNT_AT, e.offset());
    }

    @Test
    void malformedUtf8InANameIsRefused() {
        byte[] head = FILE_HEAD.marshal();
        byte[] patched = head.clone();
        patched[LINK_NAME_LENGTH_AT + 8] = (byte) 0xC3;
        patched[LINK_NAME_LENGTH_AT + 9] = (byte) 0x28;
        LayoutException e = refused(() -> InodeHeadV1.unmarshal(patched));
        assertEquals("LinkTable[0].ParentDirEntryName", e.field());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void hostileSuperBlockFromScratchIsRefusedQuickly() {
        byte[] payload = new LayoutWriter().u64(0).u64(0).u64(0).u64(Long.MAX_VALUE / 24)
                .toByteArray();
        LayoutException e = refused(() -> SuperBlockV1.unmarshal(
                seal(payload, LayoutConstants.SUPER_BLOCK_TYPE, 1)));
        assertEquals("SuperBlockV1.InodeTableLayout.count at offset 24: count 384307168202282325"
                + " needs at least 24 bytes per entry but only 0 bytes remain", e.getMessage());
    }

    /** Sets the u64 at {@code at} to each huge value and to one past {@code actual}. */
    private static void checkHuge(byte[] bytes, int at, long actual, String field, Decoder decoder)
            throws LayoutException {
        assertEquals(actual, ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN)
                .getLong(), "test offset of " + field);
        decoder.decode(bytes);
        for (long huge : HUGE) {
            LayoutException e = refused(() -> decoder.decode(withU64(bytes, at, huge)));
            assertEquals(field, e.field());
            assertEquals(at, e.offset());
        }
        refused(() -> decoder.decode(withU64(bytes, at, actual + 1)));
    }

    private static byte[] withU64(byte[] bytes, int at, long value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return copy;
    }

    private static byte[] payloadOf(byte[] trailed) {
        return Arrays.copyOf(trailed, trailed.length - ObjectTrailer.SIZE);
    }

    private static byte[] seal(byte[] payload, int objType, int version) {
        return ObjectTrailer.seal(new LayoutWriter().raw(payload), objType, version);
    }

    private static LayoutException refused(Executable decode) {
        return assertThrows(LayoutException.class, decode);
    }

    /** Decodes a byte array. */
    @FunctionalInterface
    private interface Decoder {
        Object decode(byte[] bytes) throws LayoutException;
    }

    /** Decodes from a buffer's position. */
    @FunctionalInterface
    private interface BufferDecoder {
        Object decode(ByteBuffer buf) throws LayoutException;
    }
}
