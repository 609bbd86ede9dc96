package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.testing.SharedVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every line of {@code conf-vectors.jsonl}, produced by the original Go package: the same files and
 * overrides must give the same map, the same refusals and the same typed values.
 */
class ConfVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyVectorMatchesTheOriginal() throws IOException {
        Path vectors = SharedVectors.require("conf-vectors.jsonl");
        Path cases = vectors.resolveSibling("conf-cases");
        List<String> lines = Files.readAllLines(vectors).stream().filter(line -> !line.isBlank()).toList();
        assertFalse(lines.isEmpty(), "no vectors in " + vectors);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode vector = JSON.readTree(lines.get(i));
            String name = "line " + (i + 1) + ": " + vector.get("Case").asText() + " " + vector.get("Overrides");
            tests.add(DynamicTest.dynamicTest(name, () -> check(vector, cases)));
        }
        return tests.stream();
    }

    private static void check(JsonNode vector, Path cases) throws IOException {
        String caseName = vector.get("Case").asText();
        Path file = cases.resolve(caseName);
        List<String> overrides = new ArrayList<>();
        vector.path("Overrides").forEach(override -> overrides.add(override.asText()));
        if (vector.get("Error").asBoolean()) {
            ConfException refusal = assertThrows(ConfException.class, () -> ConfMap.load(file, overrides));
            assertTrue(refusal.getMessage().contains(caseName), refusal.getMessage());
            return;
        }
        ConfMap conf = ConfMap.load(file, overrides);
        Map<String, Map<String, List<String>>> expected = JSON.convertValue(
                vector.get("ConfMap"), new TypeReference<Map<String, Map<String, List<String>>>>() { });
        assertEquals(expected, conf.asMap());
        if (vector.has("Typed")) {
            vector.get("Typed").fields().forEachRemaining(entry -> checkTyped(conf, entry.getKey(), entry.getValue()));
        }
    }

    /** {@code key} is "Kind Section.Option", with " (ns)" after durations. */
    private static void checkTyped(ConfMap conf, String key, JsonNode expected) {
        String kind = key.substring(0, key.indexOf(' '));
        String qualified = key.substring(key.indexOf(' ') + 1).replace(" (ns)", "");
        String section = qualified.substring(0, qualified.indexOf('.'));
        String option = qualified.substring(qualified.indexOf('.') + 1);
        Executable getter = () -> {
            Object actual = typedValue(conf, kind, section, option);
            assertEquals(expectedValue(kind, expected), actual, key);
        };
        if (expected.isTextual() && expected.asText().equals("ERROR")) {
            ConfException error = assertThrows(ConfException.class, getter, key);
            assertTrue(error.getMessage().contains("[" + section + "]" + option), error.getMessage());
        } else {
            try {
                getter.execute();
            } catch (Throwable t) {
                fail(key + ": " + t, t);
            }
        }
    }

    private static Object typedValue(ConfMap conf, String kind, String section, String option) {
        return switch (kind) {
            case "Bool" -> conf.getBool(section, option);
            case "Duration" -> conf.getDuration(section, option).toNanos();
            case "Float64" -> conf.getFloat64(section, option);
            case "String" -> conf.getString(section, option);
            case "StringSlice" -> conf.getStringList(section, option);
            case "Uint8" -> (long) conf.getUint8(section, option);
            case "Uint16" -> (long) conf.getUint16(section, option);
            case "Uint32" -> conf.getUint32(section, option);
            case "Uint64" -> conf.getUint64(section, option);
            default -> throw new AssertionError("unknown getter kind in the vectors: " + kind);
        };
    }

    private static Object expectedValue(String kind, JsonNode expected) {
        return switch (kind) {
            case "Bool" -> expected.asBoolean();
            case "Float64" -> expected.asDouble();
            case "String" -> expected.asText();
            case "StringSlice" -> JSON.convertValue(expected, new TypeReference<List<String>>() { });
            default -> expected.asLong();
        };
    }
}
