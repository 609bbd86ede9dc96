package io.proxyfs.ilayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Object number to name (16 upper-case hex digits, least significant first) and back. */
class ObjectNamesTest {
    @Test
    void reversesTheDigits() throws LayoutException {
        assertEquals("0000000000000000", ObjectNames.nameOf(0));
        assertEquals("1000000000000000", ObjectNames.nameOf(1));
        assertEquals("3000000000000000", ObjectNames.nameOf(3));
        assertEquals("0100000000000000", ObjectNames.nameOf(0x10));
        assertEquals("3210000000000000", ObjectNames.nameOf(0x123));
        assertEquals("FEDCBA9876543210", ObjectNames.nameOf(0x0123456789ABCDEFL));
        assertEquals("FFFFFFFFFFFFFFFF", ObjectNames.nameOf(-1L));
        assertEquals("0000000000000008", ObjectNames.nameOf(Long.MIN_VALUE));
        assertEquals(0x0123456789ABCDEFL, ObjectNames.numberOf("FEDCBA9876543210"));
        assertEquals(Long.MIN_VALUE, ObjectNames.numberOf("0000000000000008"));
    }

    @Test
    void roundTripsRandomNumbers() throws LayoutException {
        Random random = new Random(20210719L);
        for (int i = 0; i < 10_000; i++) {
            long number = random.nextLong();
            String name = ObjectNames.nameOf(number);
            assertEquals(ObjectNames.LENGTH, name.length());
            assertEquals(number, ObjectNames.numberOf(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "FED",
        "000000000000000",
        "00000000000000000",
        "f000000000000000",
        "000000000000000a",
        "G000000000000000",
        "000000000000000G",
        "/EDCBA9876543210",
        ":EDCBA9876543210",
        "@EDCBA9876543210",
        "[EDCBA9876543210",
        " 000000000000000",
        "000000000000000\n",
        "-100000000000000",
    })
    void refusesBadNames(String name) {
        LayoutException e = assertThrows(LayoutException.class, () -> ObjectNames.numberOf(name));
        assertEquals("ObjectName", e.structure());
    }

    @Test
    void refusesNonAsciiDigits() {
        for (String digit : new String[] {"\uff10", "\u0660", "\u00e9"}) {
            String name = digit + "0".repeat(ObjectNames.LENGTH - 1);
            assertEquals(ObjectNames.LENGTH, name.length());
            assertThrows(LayoutException.class, () -> ObjectNames.numberOf(name), name);
        }
    }

    @Test
    void refusalSaysWhereTheBadCharacterIs() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> ObjectNames.numberOf("00000g0000000000"));
        assertEquals(5, e.offset());
    }
}
