package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of every on-disk decoder: random bytes, and valid encodings mutated
 * (bytes flipped, truncated, extended, a length field set huge), must decode or be refused with a
 * {@link LayoutException} — never another exception, an endless loop or an allocation sized by
 * the input. What decodes must encode and decode again to the same value. 100,000 cases each.
 */
class LayoutDecodersFuzzTest {
    private static final int TRIES = 100_000;

    /** A decoder under test. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] bytes) throws LayoutException;
    }

    private static final List<byte[]> SEEDS_INODE_HEAD = List.of(
            inodeHead(InodeType.DIR, "").marshal(),
            inodeHead(InodeType.FILE, "").marshal(),
            inodeHead(InodeType.SYMLINK, "some/where/else").marshal());
    private static final List<byte[]> SEEDS_SUPER_BLOCK = List.of(
            new SuperBlockV1(3, 0, 120, List.of(new LayoutEntryV1(3, 500, 400)), 7, 9000, 8000, List.of(5L, 6L)).marshal(),
            new SuperBlockV1(2, 10, 20, List.of(), 0, 0, 0, List.of()).marshal());

    @Property(tries = TRIES)
    void inodeHeadsDecodeOrAreRefused(@ForAll("inodeHeadInputs") byte[] bytes) {
        roundTripOrRefusal(bytes, InodeHeadV1::unmarshal, v -> ((InodeHeadV1) v).marshal());
    }

    @Property(tries = TRIES)
    void superBlocksDecodeOrAreRefused(@ForAll("superBlockInputs") byte[] bytes) {
        roundTripOrRefusal(bytes, SuperBlockV1::unmarshal, v -> ((SuperBlockV1) v).marshal());
    }

    @Property(tries = TRIES)
    void checkPointsDecodeOrAreRefused(@ForAll("checkPointInputs") byte[] bytes) {
        roundTripOrRefusal(bytes, CheckPointV1::unmarshal, v -> ((CheckPointV1) v).marshal());
    }

    @Property(tries = TRIES)
    void fixedSizeValuesDecodeOrAreRefused(@ForAll("fixedValueInputs") byte[] bytes) {
        roundTripOrRefusal(bytes, InodeTableEntryValueV1::unmarshal, v -> ((InodeTableEntryValueV1) v).marshal());
        roundTripOrRefusal(bytes, DirectoryEntryValueV1::unmarshal, v -> ((DirectoryEntryValueV1) v).marshal());
        roundTripOrRefusal(bytes, ExtentMapEntryValueV1::unmarshal, v -> ((ExtentMapEntryValueV1) v).marshal());
        refusalOnly(bytes, ObjectTrailer::unmarshal); // decodes the trailer at the tail of a whole payload
    }

    @Property(tries = TRIES)
    void treeKeysDecodeOrAreRefused(@ForAll("keyInputs") byte[] bytes) {
        refusalOnly(bytes, b -> BPlusTreeKeys.unpackName(ByteBuffer.wrap(b)));
        refusalOnly(bytes, b -> BPlusTreeKeys.unpackU64(ByteBuffer.wrap(b)));
    }

    @Property(tries = TRIES)
    void objectNamesParseOrAreRefused(@ForAll("objectNameInputs") String name) {
        try {
            long n = ObjectNames.numberOf(name);
            assertEquals(name.toUpperCase(java.util.Locale.ROOT), ObjectNames.nameOf(n).toUpperCase(java.util.Locale.ROOT));
        } catch (LayoutException refused) {
            assertUseful(refused);
        }
    }

    @Provide
    Arbitrary<byte[]> inodeHeadInputs() {
        return inputs(SEEDS_INODE_HEAD);
    }

    @Provide
    Arbitrary<byte[]> superBlockInputs() {
        return inputs(SEEDS_SUPER_BLOCK);
    }

    @Provide
    Arbitrary<byte[]> checkPointInputs() {
        return inputs(List.of(new CheckPointV1(1, 88, 1000).marshal(),
                "0000000000000001 0000000000000003 0000000000000058 00000000000003E8".getBytes(StandardCharsets.US_ASCII)));
    }

    @Provide
    Arbitrary<byte[]> fixedValueInputs() {
        return inputs(List.of(new InodeTableEntryValueV1(5, 300).marshal(), new DirectoryEntryValueV1(7, InodeType.FILE).marshal(),
                new ExtentMapEntryValueV1(4096, 9, 0).marshal(), new ObjectTrailer(LayoutConstants.SUPER_BLOCK_TYPE, 1, 64).marshal()));
    }

    @Provide
    Arbitrary<byte[]> keyInputs() {
        return inputs(List.of(BPlusTreeKeys.packName("a name"), BPlusTreeKeys.packU64(42)));
    }

    @Provide
    Arbitrary<String> objectNameInputs() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789ABCDEFabcdefXyz -").ofMinLength(0).ofMaxLength(20),
                Arbitraries.longs().map(ObjectNames::nameOf),
                Arbitraries.strings().ofMaxLength(17));
    }

    /** Random bytes, and mutations of the seeds. */
    static Arbitrary<byte[]> inputs(List<byte[]> seeds) {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> seed = Arbitraries.of(seeds);
        Arbitrary<byte[]> flipped = Combinators.combine(seed, Arbitraries.integers().between(1, 8),
                Arbitraries.randomValue(r -> r.nextLong())).as((s, n, rnd) -> flip(s, n, rnd));
        Arbitrary<byte[]> truncated = Combinators.combine(seed, Arbitraries.doubles().between(0, 1))
                .as((s, f) -> Arrays.copyOf(s, (int) (s.length * f)));
        Arbitrary<byte[]> extended = Combinators.combine(seed, Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .as(LayoutDecodersFuzzTest::concat);
        Arbitrary<byte[]> hugeLength = Combinators.combine(seed, Arbitraries.integers().between(0, 600),
                Arbitraries.of(0xFFL, 0xFFFFFFFFL, 0x7FFFFFFFFFFFFFFFL, -1L, 1L << 40))
                .as((s, at, v) -> overwrite(s, at, v));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(4, flipped), net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(1, extended), net.jqwik.api.Tuple.of(3, hugeLength), net.jqwik.api.Tuple.of(1, seed));
    }

    private static byte[] flip(byte[] seed, int n, long randomSeed) {
        byte[] out = seed.clone();
        if (out.length == 0) {
            return out;
        }
        java.util.Random r = new java.util.Random(randomSeed);
        for (int i = 0; i < n; i++) {
            out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Writes {@code v} little-endian at {@code at} (clamped), as a length or count field would be. */
    private static byte[] overwrite(byte[] seed, int at, long v) {
        byte[] out = seed.clone();
        if (out.length < 8) {
            return out;
        }
        int pos = Math.min(at, out.length - 8);
        for (int i = 0; i < 8; i++) {
            out[pos + i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    private static void roundTripOrRefusal(byte[] bytes, Decoder decoder, Function<Object, byte[]> encoder) {
        Object decoded;
        try {
            decoded = decoder.decode(bytes);
        } catch (LayoutException refused) {
            assertUseful(refused);
            return;
        }
        byte[] again = encoder.apply(decoded);
        try {
            assertEquals(decoded.toString(), decoder.decode(again).toString(), "a decoded value encodes and decodes again");
        } catch (LayoutException e) {
            throw new AssertionError("re-encoding a decoded value gave bytes its own decoder refuses: " + e.getMessage(), e);
        }
    }

    private static void refusalOnly(byte[] bytes, Decoder decoder) {
        try {
            decoder.decode(bytes);
        } catch (LayoutException refused) {
            assertUseful(refused);
        }
    }

    private static void assertUseful(LayoutException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("a refusal without a message", e);
        }
    }

    private static InodeHeadV1 inodeHead(InodeType type, String target) {
        List<InodeStreamTableEntry> streams = new ArrayList<>();
        streams.add(new InodeStreamTableEntry("user.comment", "hello".getBytes(StandardCharsets.UTF_8)));
        return new InodeHeadV1(17, type, List.of(new InodeLinkTableEntry(1, "name"), new InodeLinkTableEntry(4, "other")),
                type == InodeType.FILE ? 12345 : 0, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_001L, 0644, 1000, 1000,
                streams, 9, 0, 200, target, List.of(new LayoutEntryV1(9, 300, 250)));
    }
}
