package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line overrides: {@code Section.Key=values}. */
class ConfMapOverrideTest {
    private static final ConfMap BASE = ConfMap.parse("[IMGR]\nRetryRPCPort: 32356\nLogFilePath: x\n", "dev.conf");

    @Test
    void replacesAnOptionInPlaceAndLeavesTheOriginalUnchanged() {
        ConfMap overridden = BASE.withOverride("IMGR.RetryRPCPort=40000");
        assertEquals(40000, overridden.getUint16("IMGR", "RetryRPCPort"));
        assertEquals(List.of("RetryRPCPort", "LogFilePath"), List.copyOf(overridden.asMap().get("IMGR").keySet()));
        assertEquals(32356, BASE.getUint16("IMGR", "RetryRPCPort"));
        assertEquals("dev.conf", overridden.source());
    }

    @Test
    void parsesValuesAsInAFileAndCreatesNewSections() {
        ConfMap conf = BASE.withOverrides(List.of(
                "IMGR.NewKey=x y",
                "NewSection.K: v",
                "  IMGR.LogFilePath =\t",
                "S.Key.With.Dots: a, b\\u002Cc",
                "IMGR.Expr=a=b"));
        assertEquals(Map.of(
                "IMGR", Map.of("RetryRPCPort", List.of("32356"), "LogFilePath", List.of(),
                        "NewKey", List.of("x", "y"), "Expr", List.of("a=b")),
                "NewSection", Map.of("K", List.of("v")),
                "S", Map.of("Key.With.Dots", List.of("a", "b,c"))), conf.asMap());
        assertEquals(List.of("IMGR", "NewSection", "S"), List.copyOf(conf.sections()));
    }

    @Test
    void appliesOverridesInOrderWhenLoading(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.conf"), "[A]\nK: 1\n");
        assertEquals("3", ConfMap.load(file, List.of("A.K=2", "A.K=3")).getString("A", "K"));
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(file, List.of("A.K=2", "oops")));
        assertEquals(file + ": malformed override \"oops\" (expected Section.Key=values or Section.Key: values)",
                e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @ValueSource(strings = {"not an override", "", "   ", "IMGR=1", "IMGR.K", "IMGR.K 1", ".K=1", "IMGR.K=a@b",
        "IMGR.K=a,,b", "IMGR .K=1"})
    void refusesMalformedOverridesNamingThem(String override) {
        ConfException e = assertThrows(ConfException.class, () -> BASE.withOverride(override));
        assertEquals("dev.conf: malformed override \"" + override
                + "\" (expected Section.Key=values or Section.Key: values)", e.getMessage());
    }
}
