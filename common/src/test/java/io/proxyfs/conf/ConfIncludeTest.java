package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .include} lines and reading files. */
class ConfIncludeTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void readsARelativeIncludeBesideTheIncludingFile() throws IOException {
        write("etc/part.conf", "[Middle]\nM: 13\n[First]\nA: overridden\nB: 2\n");
        write("etc/sub/deeper.conf", "[Deep]\nD: 4\n");
        Path main = write("etc/main.conf", """
                [First]
                A: 1
                .include part.conf
                [Last]
                Z: 26
                .include ./sub/deeper.conf
                """);
        ConfMap conf = ConfMap.load(main);
        assertEquals(Map.of("First", Map.of("A", List.of("overridden"), "B", List.of("2")),
                "Middle", Map.of("M", List.of("13")), "Last", Map.of("Z", List.of("26")),
                "Deep", Map.of("D", List.of("4"))), conf.asMap());
        assertEquals(List.of("First", "Middle", "Last", "Deep"), List.copyOf(conf.sections()));
        assertEquals(main.toString(), conf.source());
    }

    @Test
    void readsAnAbsoluteIncludeAndOneFromParsedText() throws IOException {
        Path part = write("abs/part.conf", "[P]\nK: v\n");
        Path main = write("main.conf", ".include " + part + "\n");
        assertEquals("v", ConfMap.load(main).getString("P", "K"));
        ConfMap parsed = ConfMap.parse(".include abs/part.conf\n", dir.resolve("virtual.conf").toString());
        assertEquals("v", parsed.getString("P", "K"));
    }

    @Test
    void endsTheCurrentSectionAtAnInclude() throws IOException {
        write("part.conf", "[P]\nK: v\n");
        Path main = write("main.conf", "[S]\nA: 1\n.include part.conf\nB: 2\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(main));
        assertTrue(e.getMessage().startsWith(main + ":4: option outside any section"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\"B: 2\""), e.getMessage());
    }

    @Test
    void namesTheIncludedFileAndLineOfAnErrorInIt() throws IOException {
        write("part.conf", "[P]\n\nbroken line\n");
        Path main = write("main.conf", "[S]\n.include part.conf\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(main));
        assertTrue(e.getMessage().startsWith(dir.resolve("part.conf") + ":3: malformed line"), e.getMessage());
        assertTrue(e.getMessage().endsWith("\"broken line\""), e.getMessage());
    }

    @Test
    void namesAMissingIncludedFile() throws IOException {
        Path main = write("main.conf", "[S]\n.include nowhere.conf\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(main));
        assertTrue(e.getMessage().startsWith(main + ":2: cannot read the included file " + dir.resolve("nowhere.conf")),
                e.getMessage());
    }

    @Test
    void refusesAnIncludeCycle() throws IOException {
        write("a.conf", "[A]\n.include b.conf\n");
        write("b.conf", "[B]\n.include a.conf\n");
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(dir.resolve("a.conf")));
        assertTrue(e.getMessage().startsWith(dir.resolve("b.conf") + ":2: .include cycle: "), e.getMessage());
    }

    @Test
    void allowsTheSameFileIncludedTwice() throws IOException {
        write("common.conf", "[C]\nK: v\n");
        Path main = write("main.conf", ".include common.conf\n[S]\nA: 1\n.include common.conf\n");
        assertEquals(List.of("C", "S"), List.copyOf(ConfMap.load(main).sections()));
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("missing.conf");
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read the file"), e.getMessage());
    }

    @Test
    void refusesInvalidUtf8() throws IOException {
        Path file = Files.write(dir.resolve("bad.conf"), new byte[] {'[', 'S', ']', '\n', '#', (byte) 0xff, '\n'});
        ConfException e = assertThrows(ConfException.class, () -> ConfMap.load(file));
        assertEquals(file + ": invalid UTF-8 at byte 5", e.getMessage());
    }

    @Test
    void acceptsUtf8InComments() throws IOException {
        Path file = write("utf8.conf", "[S]\nK: 2us # 2\u00b5s would be refused as a value\n");
        assertEquals(List.of("2us"), ConfMap.load(file).getStringList("S", "K"));
    }
}
