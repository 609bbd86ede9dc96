package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.testing.SharedVectors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every line of {@code ilayout-v1.tsv} (made by the original Go code): the fields, encoded, give
 * exactly the bytes; the bytes, decoded, give exactly the fields.
 */
class GoldenVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** One line: its number, kind, JSON fields and bytes. */
    record Vector(int line, String kind, JsonNode fields, byte[] bytes) {
        @Override
        public String toString() {
            return "line " + line + " " + kind;
        }
    }

    static List<Vector> vectors() throws IOException {
        Path file = SharedVectors.require("ilayout-v1.tsv");
        List<Vector> vectors = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] columns = lines.get(i).split("\t", -1);
            assertEquals(3, columns.length, "line " + (i + 1) + " must have 3 columns");
            vectors.add(new Vector(i + 1, columns[0], JSON.readTree(columns[1]),
                    HEX.parseHex(columns[2])));
        }
        return vectors;
    }

    @Test
    void fileCoversEveryKind() throws IOException {
        List<Vector> vectors = vectors();
        Set<String> kinds = new TreeSet<>();
        vectors.forEach(v -> kinds.add(v.kind()));
        assertEquals(21, vectors.size());
        assertEquals(new TreeSet<>(List.of("CheckPointV1", "ObjectTrailer", "SuperBlockV1",
                "InodeTableEntryValueV1", "InodeHeadV1", "DirectoryEntryValueV1",
                "ExtentMapEntryValueV1", "ObjectName", "LEString")), kinds);
    }

    @TestFactory
    Stream<DynamicTest> everyLineEncodesAndDecodesExactly() throws IOException {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.toString(), () -> check(v)));
    }

    private static void check(Vector v) throws Exception {
        JsonNode f = v.fields();
        byte[] bytes = v.bytes();
        switch (v.kind()) {
            case "CheckPointV1" -> {
                assertEquals(LayoutConstants.CHECK_POINT_VERSION_V1, u64(f.get("Version")));
                CheckPointV1 expected = new CheckPointV1(u64(f.get("SuperBlockObjectNumber")),
                        u64(f.get("SuperBlockLength")), u64(f.get("ReservedToNonce")));
                assertBytes(bytes, expected.marshal());
                assertEquals(new String(bytes, StandardCharsets.US_ASCII), expected.toText());
                assertEquals(expected, CheckPointV1.unmarshal(bytes));
                assertEquals(LayoutConstants.CHECK_POINT_VERSION_V1,
                        CheckPointV1.parseVersion(expected.toText()));
            }
            case "ObjectTrailer" -> {
                ObjectTrailer expected = new ObjectTrailer(f.get("ObjType").intValue(),
                        f.get("Version").intValue(), u64(f.get("Length")));
                assertBytes(bytes, expected.marshal());
                assertEquals(expected, ObjectTrailer.readFrom(LayoutReader.of(bytes, "test")));
                if (expected.length() == 0) {
                    assertEquals(expected, ObjectTrailer.unmarshal(bytes));
                }
            }
            case "SuperBlockV1" -> {
                SuperBlockV1 expected = superBlock(f);
                assertBytes(bytes, expected.marshal());
                assertEquals(expected, SuperBlockV1.unmarshal(bytes));
            }
            case "InodeTableEntryValueV1" -> {
                InodeTableEntryValueV1 expected = new InodeTableEntryValueV1(
                        u64(f.get("InodeHeadObjectNumber")), u64(f.get("InodeHeadLength")));
                assertBytes(bytes, expected.marshal());
                assertEquals(expected, InodeTableEntryValueV1.unmarshal(bytes));
                assertEquals(expected, InodeTableEntryValueV1.unmarshal(ByteBuffer.wrap(bytes)));
            }
            case "InodeHeadV1" -> {
                InodeHeadV1 expected = inodeHead(f);
                assertBytes(bytes, expected.marshal());
                InodeHeadV1 decoded = InodeHeadV1.unmarshal(bytes);
                assertEquals(expected, decoded);
                assertEquals(nanos(Instant.parse(f.get("ModificationTime").textValue())),
                        decoded.modificationTimeNanos());
                assertEquals(nanos(Instant.parse(f.get("StatusChangeTime").textValue())),
                        decoded.statusChangeTimeNanos());
            }
            case "DirectoryEntryValueV1" -> {
                DirectoryEntryValueV1 expected = new DirectoryEntryValueV1(
                        u64(f.get("InodeNumber")), inodeType(f.get("InodeType")));
                assertBytes(bytes, expected.marshal());
                assertEquals(expected, DirectoryEntryValueV1.unmarshal(bytes));
                assertEquals(expected, DirectoryEntryValueV1.unmarshal(ByteBuffer.wrap(bytes)));
            }
            case "ExtentMapEntryValueV1" -> {
                ExtentMapEntryValueV1 expected = new ExtentMapEntryValueV1(u64(f.get("Length")),
                        u64(f.get("ObjectNumber")), u64(f.get("ObjectOffset")));
                assertBytes(bytes, expected.marshal());
                assertEquals(expected, ExtentMapEntryValueV1.unmarshal(bytes));
                assertEquals(expected, ExtentMapEntryValueV1.unmarshal(ByteBuffer.wrap(bytes)));
            }
            case "ObjectName" -> {
                long objectNumber = u64(f.get("ObjectNumber"));
                String name = new String(bytes, StandardCharsets.US_ASCII);
                assertEquals(name, ObjectNames.nameOf(objectNumber));
                assertEquals(objectNumber, ObjectNames.numberOf(name));
            }
            case "LEString" -> {
                String value = f.get("Value").textValue();
                assertBytes(bytes, new LayoutWriter().string(value).toByteArray());
                assertBytes(bytes, BPlusTreeKeys.packName(value));
                assertEquals(value, LayoutReader.decodeExactly(bytes, "LEString",
                        r -> r.string("Value")));
                assertEquals(value, BPlusTreeKeys.unpackName(ByteBuffer.wrap(bytes)));
            }
            default -> throw new AssertionError("unknown kind " + v.kind());
        }
    }

    private static SuperBlockV1 superBlock(JsonNode f) {
        List<Long> pending = new ArrayList<>();
        f.get("PendingDeleteObjectNumberArray").forEach(n -> pending.add(u64(n)));
        return new SuperBlockV1(u64(f.get("InodeTableRootObjectNumber")),
                u64(f.get("InodeTableRootObjectOffset")), u64(f.get("InodeTableRootObjectLength")),
                layout(f.get("InodeTableLayout")), u64(f.get("InodeObjectCount")),
                u64(f.get("InodeBytesWritten")), u64(f.get("InodeBytesReferenced")), pending);
    }

    private static InodeHeadV1 inodeHead(JsonNode f) throws IOException {
        List<InodeLinkTableEntry> links = new ArrayList<>();
        for (JsonNode n : f.get("LinkTable")) {
            links.add(new InodeLinkTableEntry(u64(n.get("ParentDirInodeNumber")),
                    n.get("ParentDirEntryName").textValue()));
        }
        List<InodeStreamTableEntry> streams = new ArrayList<>();
        for (JsonNode n : f.get("StreamTable")) {
            streams.add(new InodeStreamTableEntry(n.get("Name").textValue(),
                    n.get("Value").binaryValue()));
        }
        return new InodeHeadV1(u64(f.get("InodeNumber")), inodeType(f.get("InodeType")), links,
                u64(f.get("Size")), i64(f.get("ModificationTimeUnixNano")),
                i64(f.get("StatusChangeTimeUnixNano")), f.get("Mode").intValue(),
                u64(f.get("UserID")), u64(f.get("GroupID")), streams,
                u64(f.get("PayloadObjectNumber")), u64(f.get("PayloadObjectOffset")),
                u64(f.get("PayloadObjectLength")), f.get("SymLinkTarget").textValue(),
                layout(f.get("Layout")));
    }

    private static List<LayoutEntryV1> layout(JsonNode array) {
        List<LayoutEntryV1> entries = new ArrayList<>();
        for (JsonNode n : array) {
            entries.add(new LayoutEntryV1(u64(n.get("ObjectNumber")), u64(n.get("BytesWritten")),
                    u64(n.get("BytesReferenced"))));
        }
        return entries;
    }

    private static InodeType inodeType(JsonNode n) {
        return InodeType.values()[n.intValue()];
    }

    /** An unsigned 64-bit JSON number (may exceed Long.MAX_VALUE) as a long read as unsigned. */
    private static long u64(JsonNode n) {
        assertTrue(n.isIntegralNumber(), "expected an integer, found " + n);
        BigInteger value = n.bigIntegerValue();
        assertTrue(value.signum() >= 0 && value.compareTo(TWO_TO_64) < 0, "not a u64: " + n);
        return value.longValue();
    }

    private static long i64(JsonNode n) {
        assertTrue(n.isIntegralNumber() && n.canConvertToLong(), "not an int64: " + n);
        return n.longValue();
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                instant.getNano());
    }

    private static void assertBytes(byte[] expected, byte[] actual) {
        assertEquals(HEX.formatHex(expected), HEX.formatHex(actual));
        assertArrayEquals(expected, actual);
    }
}
