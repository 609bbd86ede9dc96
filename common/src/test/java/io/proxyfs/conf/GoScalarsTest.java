package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoScalarsTest {
    @ParameterizedTest(name = "uint{1} \"{0}\" = {2}")
    @CsvSource({
        "0, 8, 0", "255, 8, 255", "65535, 16, 65535", "007, 16, 7",
        "4294967295, 32, 4294967295", "9223372036854775807, 64, 9223372036854775807",
    })
    void parsesUnsignedIntegersInRange(String text, int bits, long expected) {
        assertEquals(expected, GoScalars.parseUint(text, bits));
    }

    @Test
    void parsesTheLargestUint64AsItsBits() {
        long max = GoScalars.parseUint("18446744073709551615", 64);
        assertEquals(-1L, max);
        assertEquals("18446744073709551615", Long.toUnsignedString(max));
    }

    @ParameterizedTest(name = "uint{1} \"{0}\" refused")
    @CsvSource({
        "256, 8", "65536, 16", "4294967296, 32", "18446744073709551616, 64",
        "'', 16", "-1, 16", "+1, 16", "1_000, 16", "0x10, 16", "32x56, 16", "' 1', 16", "1.0, 16",
    })
    void refusesUnsignedIntegersOutOfRangeOrMalformed(String text, int bits) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoScalars.parseUint(text, bits));
        assertTrue(e.getMessage().startsWith("\"" + text + "\" is not a valid uint" + bits), e.getMessage());
    }

    @ParameterizedTest(name = "float64 \"{0}\" = {1}")
    @CsvSource({
        "1.4, 1.4", "-2, -2", "+.5, 0.5", "5., 5", "1e3, 1000", "1E-2, 0.01", "0x1p-2, 0.25", "0X1.8P1, 3",
        "inf, Infinity", "-Infinity, -Infinity", "+INF, Infinity", "1e-400, 0",
    })
    void parsesFloatsAsGoDoes(String text, double expected) {
        assertEquals(expected, GoScalars.parseFloat64(text));
    }

    @Test
    void parsesNotANumber() {
        assertTrue(Double.isNaN(GoScalars.parseFloat64("NaN")));
    }

    @ParameterizedTest(name = "float64 \"{0}\" refused")
    @ValueSource(strings = {"", ".", "e5", "1e", "1.4d", "1f", "0x1", "0x1.8", "Infinityy", "+nan", "1e400", " 1", "1,5"})
    void refusesWhatGoRefuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoScalars.parseFloat64(text));
        assertTrue(e.getMessage().startsWith("\"" + text + "\" is not a valid float64"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "Yes", "on"})
    void readsTrueWords(String text) {
        assertTrue(GoScalars.parseBool(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "NO", "off"})
    void readsFalseWords(String text) {
        assertFalse(GoScalars.parseBool(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0", "t", "enabled", "32356"})
    void refusesOtherBoolWords(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoScalars.parseBool(text));
        assertTrue(e.getMessage().startsWith("\"" + text + "\" is not a valid bool"), e.getMessage());
    }
}
