package io.proxyfs.idestroy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iswift.FaultRule;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerEmptierTest {
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 1.5, 2,
            Duration.ofSeconds(10), 16);
    private SwiftEmulator emulator;
    private SwiftClient swift;

    @BeforeEach
    void start() throws IOException {
        emulator = SwiftEmulator.builder().port(0).listingLimit(100).start();
        swift = new SwiftClient(new TempAuth(emulator.authUrl(), "test:tester", "testing", FAST), FAST);
        swift.createContainer("con");
        swift.createContainer("other");
    }

    @AfterEach
    void stop() {
        swift.close();
        emulator.close();
    }

    @Test
    void deletesEveryObjectAcrossManyListingPagesAndKeepsOtherContainers() throws Exception {
        for (int i = 0; i < 640; i++) {
            swift.putObject("con", String.format("%016X", i), ("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        swift.putObject("other", "0000000000000001", new byte[] {1});
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        DestroySummary summary = new ContainerEmptier(swift, 8, 100)
                .empty("con", new PlainProgressLines(new PrintStream(lines, true, StandardCharsets.UTF_8)));
        assertEquals(640, summary.deleted());
        assertEquals(0, summary.remaining());
        assertEquals(0, swift.listAllObjects("con", 100).size());
        assertEquals(0, swift.headContainer("con").objectCount());
        assertEquals(1, swift.listAllObjects("other", 100).size(), "another container is untouched");
        String out = lines.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("emptying container con (640 objects)"), out);
        assertTrue(out.contains("deleted 640 objects"), out);
        assertTrue(out.contains("container con is empty"), out);
    }

    @Test
    void anEmptyContainerIsEmptiedAtOnce() throws Exception {
        DestroySummary summary = new ContainerEmptier(swift, 4, 100).empty("con", new PlainProgressLines(nullStream()));
        assertEquals(0, summary.deleted());
        assertEquals(0, summary.remaining());
    }

    @Test
    void aMissingContainerIsSaidPlainly() {
        ContainerMissingException e = assertThrows(ContainerMissingException.class,
                () -> new ContainerEmptier(swift, 4, 100).empty("nosuch", new PlainProgressLines(nullStream())));
        assertTrue(e.getMessage().contains("nosuch does not exist"), e.getMessage());
    }

    @Test
    void aDeleteThatKeepsFailingStopsTheRunNamingTheObjectAndLeavesTheRestListed() throws Exception {
        for (int i = 0; i < 50; i++) {
            swift.putObject("con", String.format("%016X", i), new byte[] {(byte) i});
        }
        emulator.faults().add(FaultRule.fail(500, -1).matching("DELETE", "/v1/AUTH_test/con/0000000000000007"));
        IOException e = assertThrows(IOException.class,
                () -> new ContainerEmptier(swift, 4, 100).empty("con", new PlainProgressLines(nullStream())));
        assertTrue(e.getMessage().contains("0000000000000007"), e.getMessage());
        assertTrue(swift.listAllObjects("con", 100).stream().anyMatch(o -> o.name().equals("0000000000000007")));
    }

    @Test
    void theTerminalBarShowsDoneOfTotal() {
        assertEquals("[####################                    ] 50% 5/10", TerminalProgressBar.bar(5, 10));
        assertEquals("[########################################] 100% 12/12", TerminalProgressBar.bar(12, 10));
    }

    private static PrintStream nullStream() {
        return new PrintStream(PrintStream.nullOutputStream());
    }
}
