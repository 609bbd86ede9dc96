package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    @ParameterizedTest(name = "\"{0}\" = {1} ns")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "-0|0",
        "+0|0",
        "0s|0",
        "1ns|1",
        "2us|2000",
        "2\u00b5s|2000",
        "2\u03bcs|2000",
        "300ms|300000000",
        "10s|10000000000",
        "1m|60000000000",
        "10m|600000000000",
        "1h30m|5400000000000",
        "1h2m3.5s|3723500000000",
        "1.5s|1500000000",
        "-1.5s|-1500000000",
        "+5s|5000000000",
        ".5s|500000000",
        "5.s|5000000000",
        "1.0000000001s|1000000000",
        "0.000000001s|1",
        "1.9ns|1",
        "3s4s|7000000000",
        "9223372036854775807ns|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808",
        "2562047h47m16.854775807s|9223372036854775807",
    })
    void parsesWhatGoAccepts(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(strings = {
        "", "-", "+", "10", "00", "1x", "ms", ".s", "-.s", "1..5s", "1 s", " 1s", "1s ", "1S", "s1",
        "1h-2m", "9223372036854775808ns", "2562048h", "-9223372036854775809ns",
        "99999999999999999999s", "4611686018427387904ns4611686018427387904ns",
    })
    void refusesWhatGoRefuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(e.getMessage().startsWith("\"" + text + "\" is not a valid duration ("), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1x|unknown unit \"x\"",
        "10|missing unit",
        "ms|expected a number at \"ms\"",
        "9223372036854775808ns|out of range",
    })
    void saysWhyATextIsRefused(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals("\"" + text + "\" is not a valid duration (" + reason + ")", e.getMessage());
    }
}
