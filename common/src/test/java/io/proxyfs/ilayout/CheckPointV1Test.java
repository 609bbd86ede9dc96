package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checkpoint text: its exact form, and the original's leniency and refusals when read. */
class CheckPointV1Test {
    private static final String AFTER_FORMAT =
            "0000000000000001 0000000000000003 0000000000000060 0000000000000003";

    @Test
    void writesSixtySevenUpperCaseCharacters() {
        CheckPointV1 checkPoint = new CheckPointV1(3, 0x60, 3);
        assertEquals(AFTER_FORMAT, checkPoint.toText());
        assertEquals(67, checkPoint.marshal().length);
        assertEquals("0000000000000001 FFFFFFFFFFFFFFFF 8000000000000000 00000000000000AB",
                new CheckPointV1(-1L, Long.MIN_VALUE, 0xAB).toText());
    }

    @Test
    void readsWhatItWrites() throws LayoutException {
        CheckPointV1 checkPoint = new CheckPointV1(-1L, Long.MIN_VALUE, 0x0123456789ABCDEFL);
        assertEquals(checkPoint, CheckPointV1.parse(checkPoint.toText()));
        assertEquals(checkPoint, CheckPointV1.unmarshal(checkPoint.marshal()));
    }

    /** Inputs the original's Sscanf accepts, all meaning {3, 0x5a, 3}. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1 3 5a 3",
        "1 3 5A 3",
        "0000000000000001 0000000000000003 000000000000005a 0000000000000003",
        "   1 3 5a 3",
        "1    3  5a   3",
        "1\t3\u000b5a\f3",
        "1\r3 5a 3",
        "1\u00a03\u30005a\u20283",
        "1 3 5a 3\n",
        "1 3 5a 3\r\n",
        "1 3 5a 3 and then anything",
        "1 3 5a 3zz",
        "1 3 5a 3\n\n\n",
        "1 3 5a 00000000000000031",
        "1 3 5a 3 \u0000\ufffd",
        "                1 3 5a 3",
    })
    void acceptsWhatTheOriginalAccepts(String text) throws LayoutException {
        assertEquals(new CheckPointV1(3, 0x5a, 3), CheckPointV1.parse(text));
    }

    @Test
    void invalidUtf8AfterTheLastFieldIsIgnored() throws LayoutException {
        byte[] text = "1 3 5a 3 \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(new CheckPointV1(3, 0x5a, 3), CheckPointV1.unmarshal(text));
    }

    /** Inputs the original's Sscanf (or its version check) refuses. */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        " ",
        "\n",
        "\n1 3 5a 3",
        " \n1 3 5a 3",
        "1",
        "1 3 5a",
        "1 3 5a ",
        "1 3 5a \t ",
        "00000000000000001 3 5a 3",
        "1 00000000000000003 5a 3",
        "1 3 0000000000000005a 3",
        "0x1 3 5a 3",
        "1 0x3 5a 3",
        "+1 3 5a 3",
        "1 -3 5a 3",
        "1\n3 5a 3",
        "1 \n3 5a 3",
        "1\r\n3 5a 3",
        "1 3 5a\n3",
        "1,3,5a,3",
        "1 3 5g 3",
        "1 3 g 3",
        "1 3 5a x",
        "2 3 5a 3",
        "0 3 5a 3",
        "FFFFFFFFFFFFFFFF 3 5a 3",
        "\u00ff 3 5a 3",
        "1\u00b73 5a 3",
        "\uff11 3 5a 3",
    })
    void refusesWhatTheOriginalRefuses(String text) {
        LayoutException e = assertThrows(LayoutException.class, () -> CheckPointV1.parse(text));
        assertEquals("CheckPointV1", e.structure());
    }

    @Test
    void refusalsNameTheFieldAndCharacter() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> CheckPointV1.parse("1 3 0x5a 3"));
        assertEquals("ReservedToNonce", e.field());
        assertEquals(5, e.offset());
        assertEquals("CheckPointV1.ReservedToNonce at offset 5: expected a space before it,"
                + " found U+0078", e.getMessage());
        e = assertThrows(LayoutException.class, () -> CheckPointV1.parse("1 3 5a"));
        assertEquals("ReservedToNonce", e.field());
        e = assertThrows(LayoutException.class, () -> CheckPointV1.parse("2 3 5a 3"));
        assertEquals("Version", e.field());
    }

    @Test
    void parseVersionReadsOnlyTheFirstField() throws LayoutException {
        assertEquals(1, CheckPointV1.parseVersion(AFTER_FORMAT));
        assertEquals(2, CheckPointV1.parseVersion("  2"));
        assertEquals(0xFFFFFFFFFFFFFFFFL, CheckPointV1.parseVersion("ffffffffffffffffff"));
        assertThrows(LayoutException.class, () -> CheckPointV1.parseVersion(""));
        assertThrows(LayoutException.class, () -> CheckPointV1.parseVersion("\n1"));
        assertThrows(LayoutException.class, () -> CheckPointV1.parseVersion("x1"));
    }
}
