package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Typed getters, their defaults and their messages. */
class ConfMapGetterTest {
    private static final ConfMap CONF = ConfMap.parse("""
            [IMGR]
            PublicIPAddr:         127.0.0.1
            RetryRPCPort:         32x56
            HTTPServerPort:       15346
            MaxPort:              65535
            TooBigPort:           65536
            MaxUint32:            4294967295
            TooBigUint32:         4294967296
            MaxUint64:            18446744073709551615
            TooBigUint64:         18446744073709551616
            Small:                255
            LogFilePath:
            Peers:                a b, c
            LogToConsole:         Yes
            TraceEnabled:         off
            Maybe:                perhaps
            CheckPointInterval:   1h30m
            Backwards:            -1s
            Sometime:             soon
            SwiftRetryExpBackoff: 1.4
            Huge:                 1e400
            """, "imgr/dev.conf");

    private static String messageOf(Executable getter) {
        return assertThrows(ConfException.class, getter).getMessage();
    }

    @Test
    void readsStringsAndLists() {
        assertEquals("127.0.0.1", CONF.getString("IMGR", "PublicIPAddr"));
        assertEquals(List.of("a", "b", "c"), CONF.getStringList("IMGR", "Peers"));
        assertEquals(List.of(), CONF.getStringList("IMGR", "LogFilePath"));
        assertThrows(UnsupportedOperationException.class, () -> CONF.getStringList("IMGR", "Peers").add("d"));
    }

    @Test
    void refusesAStringThatIsNotExactlyOneValue() {
        assertEquals("imgr/dev.conf: [IMGR]LogFilePath: expected exactly one value, found none",
                messageOf(() -> CONF.getString("IMGR", "LogFilePath")));
        assertEquals("imgr/dev.conf: [IMGR]Peers: expected exactly one value, found 3: \"a\", \"b\", \"c\"",
                messageOf(() -> CONF.getString("IMGR", "Peers")));
    }

    @Test
    void namesAMissingOptionOrSection() {
        assertEquals("imgr/dev.conf: [IMGR]Missing is missing", messageOf(() -> CONF.getString("IMGR", "Missing")));
        assertEquals("imgr/dev.conf: [ICLIENT]VolumeName is missing (there is no [ICLIENT] section)",
                messageOf(() -> CONF.getStringList("ICLIENT", "VolumeName")));
        assertEquals("imgr/dev.conf: [IMGR]Missing is missing", messageOf(() -> CONF.getDuration("IMGR", "Missing")));
    }

    @Test
    void readsUnsignedIntegersUpToTheirBounds() {
        assertEquals(15346, CONF.getUint16("IMGR", "HTTPServerPort"));
        assertEquals(65535, CONF.getUint16("IMGR", "MaxPort"));
        assertEquals(4294967295L, CONF.getUint32("IMGR", "MaxUint32"));
        assertEquals("18446744073709551615", Long.toUnsignedString(CONF.getUint64("IMGR", "MaxUint64")));
        assertEquals(255, CONF.getUint8("IMGR", "Small"));
    }

    @Test
    void namesFileSectionKeyAndTextOfABadNumber() {
        assertEquals("imgr/dev.conf: [IMGR]RetryRPCPort: \"32x56\" is not a valid uint16",
                messageOf(() -> CONF.getUint16("IMGR", "RetryRPCPort")));
        assertEquals("imgr/dev.conf: [IMGR]TooBigPort: \"65536\" is not a valid uint16 (out of range)",
                messageOf(() -> CONF.getUint16("IMGR", "TooBigPort")));
        assertEquals("imgr/dev.conf: [IMGR]TooBigUint32: \"4294967296\" is not a valid uint32 (out of range)",
                messageOf(() -> CONF.getUint32("IMGR", "TooBigUint32")));
        assertEquals("imgr/dev.conf: [IMGR]TooBigUint64: \"18446744073709551616\" is not a valid uint64 (out of range)",
                messageOf(() -> CONF.getUint64("IMGR", "TooBigUint64")));
        assertEquals("imgr/dev.conf: [IMGR]HTTPServerPort: \"15346\" is not a valid uint8 (out of range)",
                messageOf(() -> CONF.getUint8("IMGR", "HTTPServerPort")));
        assertEquals("imgr/dev.conf: [IMGR]Huge: \"1e400\" is not a valid float64 (out of range)",
                messageOf(() -> CONF.getFloat64("IMGR", "Huge")));
    }

    @Test
    void readsBooleansFloatsAndDurations() {
        assertTrue(CONF.getBool("IMGR", "LogToConsole"));
        assertFalse(CONF.getBool("IMGR", "TraceEnabled"));
        assertEquals(1.4, CONF.getFloat64("IMGR", "SwiftRetryExpBackoff"));
        assertEquals(Duration.ofMinutes(90), CONF.getDuration("IMGR", "CheckPointInterval"));
    }

    @Test
    void namesFileSectionKeyAndTextOfABadBoolOrDuration() {
        assertEquals("imgr/dev.conf: [IMGR]Maybe: \"perhaps\" is not a valid bool (expected true/false, yes/no or on/off)",
                messageOf(() -> CONF.getBool("IMGR", "Maybe")));
        assertEquals("imgr/dev.conf: [IMGR]Sometime: \"soon\" is not a valid duration (expected a number at \"soon\")",
                messageOf(() -> CONF.getDuration("IMGR", "Sometime")));
        assertEquals("imgr/dev.conf: [IMGR]Backwards: \"-1s\" is a negative duration",
                messageOf(() -> CONF.getDuration("IMGR", "Backwards")));
    }

    @Test
    void returnsDefaultsOnlyForMissingOptions() {
        assertEquals("dflt", CONF.getString("IMGR", "Missing", "dflt"));
        assertEquals("dflt", CONF.getString("NoSuchSection", "Missing", "dflt"));
        assertEquals("127.0.0.1", CONF.getString("IMGR", "PublicIPAddr", "dflt"));
        assertEquals(List.of("x"), CONF.getStringList("IMGR", "Missing", List.of("x")));
        assertTrue(CONF.getBool("IMGR", "Missing", true));
        assertEquals(7, CONF.getUint16("IMGR", "Missing", 7));
        assertEquals(15346, CONF.getUint16("IMGR", "HTTPServerPort", 7));
        assertEquals(8L, CONF.getUint32("IMGR", "Missing", 8L));
        assertEquals(9L, CONF.getUint64("IMGR", "Missing", 9L));
        assertEquals(2.5, CONF.getFloat64("IMGR", "Missing", 2.5));
        assertEquals(Duration.ofSeconds(3), CONF.getDuration("IMGR", "Missing", Duration.ofSeconds(3)));

        assertThrows(ConfException.class, () -> CONF.getString("IMGR", "LogFilePath", "dflt"));
        assertThrows(ConfException.class, () -> CONF.getUint16("IMGR", "RetryRPCPort", 7));
        assertThrows(ConfException.class, () -> CONF.getBool("IMGR", "Maybe", true));
        assertThrows(ConfException.class, () -> CONF.getDuration("IMGR", "Backwards", Duration.ZERO));
    }

    @Test
    void tellsMissingFromEmpty() {
        assertTrue(CONF.isMissing("IMGR", "Missing"));
        assertTrue(CONF.isMissing("NoSuchSection", "Missing"));
        assertFalse(CONF.isMissing("IMGR", "LogFilePath"));
        assertTrue(CONF.isEmpty("IMGR", "LogFilePath"));
        assertFalse(CONF.isEmpty("IMGR", "PublicIPAddr"));
        assertEquals("imgr/dev.conf: [IMGR]Missing is missing", messageOf(() -> CONF.isEmpty("IMGR", "Missing")));
        assertTrue(CONF.hasSection("IMGR"));
        assertFalse(CONF.hasSection("ICLIENT"));
    }
}
