package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file syntax: what lines mean and which lines are refused, with what message. */
class ConfMapParseTest {
    private static final String NAME = "test/syntax.conf";

    private static List<String> valuesOf(String optionLine) {
        return ConfMap.parse("[S]\n" + optionLine + "\n", NAME).getStringList("S", "K");
    }

    private static ConfException refusal(String text) {
        return assertThrows(ConfException.class, () -> ConfMap.parse(text, NAME));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "K: v|v",
        "K = v|v",
        "K=v|v",
        "K :v|v",
        "K:\tv|v",
        "K: a b  c|a;b;c",
        "K: a,b, c|a;b;c",
        "K: a,b c ,d|a;b;c;;d",
        "K: a,b c , d|a;b;c;;d",
        "K: a,\tb|a;b",
        "K: a\t,\tb|a;;b",
        "K: 1, 2,3   4|1;2;3;4",
        "K: v # trailing comment|v",
        "K: v ; trailing comment|v",
        "K: a#b|a",
        "K: a;b|a",
        "K: x\\u002Cy|x,y",
        "K: x\\U002cy|x,y",
        "K: x\\u0020y z|x y;z",
        "K: {\"a\":\"b\"\\u002C\"c\":1}|{\"a\":\"b\",\"c\":1}",
        "K: a=b+c/d:e.f[g]*h\\i|a=b+c/d:e.f[g]*h\\i",
        "K: price$ cost$|price$;cost$",
        "  K: v  |v",
    })
    void splitsValuesAsTheOriginal(String line, String expected) {
        assertEquals(List.of(expected.split(";", -1)), valuesOf(line));
    }

    @ParameterizedTest(name = "\"{0}\" is empty")
    @CsvSource(delimiter = '|', value = {"K:", "K =", "K:   ", "K: ; only a comment", "K: # only a comment"})
    void readsAnEmptyValueAsNoValues(String line) {
        assertEquals(List.of(), valuesOf(line));
    }

    @Test
    void keepsCommentsBlankLinesAndOddNamesApart() {
        ConfMap conf = ConfMap.parse("""
                # comment
                ; comment

                [Other-Section_1/x:y.z]   ; a comment after a header
                Key.With.Dots: v1
                [a]
                Key[0]*-/: v2
                """, NAME);
        assertEquals(Map.of("Other-Section_1/x:y.z", Map.of("Key.With.Dots", List.of("v1")),
                "a", Map.of("Key[0]*-/", List.of("v2"))), conf.asMap());
    }

    @Test
    void letsALaterOptionReplaceAnEarlierOneInPlace() {
        ConfMap conf = ConfMap.parse("""
                [First]
                A: 1
                B: 2
                [Second]
                C: 3
                [First]
                A: again
                D: 4
                """, NAME);
        assertEquals(List.of("First", "Second"), List.copyOf(conf.sections()));
        assertEquals(List.of("A", "B", "D"), List.copyOf(conf.asMap().get("First").keySet()));
        assertEquals(List.of("again"), conf.getStringList("First", "A"));
    }

    @Test
    void takesTheSectionNameFromTheFirstRunOfNameCharacters() {
        ConfMap conf = ConfMap.parse("[Name$]\nK: v\n[a[b]]\nL: w\n", NAME);
        assertEquals(Map.of("Name", Map.of("K", List.of("v")), "a", Map.of("L", List.of("w"))), conf.asMap());
    }

    @Test
    void acceptsEmptyText() {
        assertTrue(ConfMap.parse("", NAME).asMap().isEmpty());
    }

    @Test
    void exposesAnOrderedUnmodifiableMapThatJacksonCanWrite() throws Exception {
        ConfMap conf = ConfMap.parse("[Z]\nB: 2 3\nA:\n[Y]\nC: x\n", NAME);
        assertEquals("{\"Z\":{\"B\":[\"2\",\"3\"],\"A\":[]},\"Y\":{\"C\":[\"x\"]}}",
                new ObjectMapper().writeValueAsString(conf.asMap()));
        Map<String, Map<String, List<String>>> map = conf.asMap();
        assertThrows(UnsupportedOperationException.class, () -> map.put("W", Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> map.get("Z").put("D", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> map.get("Z").get("B").add("4"));
        assertEquals(NAME, conf.source());
    }

    @Test
    void refusesAMalformedLineNamingFileLineAndText() {
        ConfException e = refusal("[Broken]\n\nthis line has no assignment\n");
        assertEquals(NAME + ":3: malformed line (expected \"Key: values\", \"Key = values\", \"[Section]\" or"
                + " \".include path\"): \"this line has no assignment\"", e.getMessage());
    }

    @Test
    void refusesABadSectionNameNamingFileLineAndText() {
        ConfException e = refusal("[Good]\nA: 1\n[Bad Section Name]\n");
        assertEquals(NAME + ":3: malformed [Section] header (a section name may hold letters, digits and _-/:.):"
                + " \"[Bad Section Name]\"", e.getMessage());
    }

    @Test
    void refusesAnOptionBeforeAnySection() {
        ConfException e = refusal("# no header yet\nA: 1\n");
        assertTrue(e.getMessage().startsWith(NAME + ":2: option outside any section"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": \"A: 1\""), e.getMessage());
    }

    @Test
    void refusesOptionsAfterAHeaderWithoutANameCharacter() {
        ConfException e = refusal("[*]\nA: 1\n");
        assertTrue(e.getMessage().startsWith(NAME + ":2: option outside any section"), e.getMessage());
    }

    @Test
    void refusesTextNotEndingWithANewline() {
        ConfException e = refusal("[S]\nA: 1");
        assertTrue(e.getMessage().startsWith(NAME + ":2: the file does not end with a newline"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\"A: 1\""), e.getMessage());
    }

    @Test
    void refusesCarriageReturnLineEndingsAsTheOriginalDoes() {
        ConfException e = refusal("[S]\r\nA: 1\r\n");
        assertTrue(e.getMessage().startsWith(NAME + ":1: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("\"[S]\\r\""), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" refused")
    @CsvSource(delimiter = '|', value = {
        "K: a,,b", "K: a@b", "K: a, ", "K: caf\u00e9", "K v", ": v", "K: 'quoted'", "K: a%20b", "K: x$y",
    })
    void refusesValuesTheOriginalRefuses(String line) {
        ConfException e = refusal("[S]\n" + line + "\n");
        assertTrue(e.getMessage().startsWith(NAME + ":2: malformed line"), e.getMessage());
    }
}
