package io.proxyfs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonArgsTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> DaemonArgs.parse(new String[0]));
        assertEquals("no .conf file specified", e.getMessage());
    }

    @Test
    void missingFileIsRefusedByName() {
        String missing = dir.resolve("nope.conf").toString();
        UsageException e = assertThrows(UsageException.class, () -> DaemonArgs.parse(new String[] {missing}));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }

    @Test
    void directoryIsRefused() {
        assertThrows(UsageException.class, () -> DaemonArgs.parse(new String[] {dir.toString()}));
    }

    @Test
    void optionIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> DaemonArgs.parse(new String[] {"--help"}));
        assertEquals("unknown option --help", e.getMessage());
    }

    @Test
    void fileAndOverridesAreKeptInOrder() throws Exception {
        Path conf = Files.writeString(dir.resolve("a.conf"), "[S]\nK: v\n");
        DaemonArgs args = DaemonArgs.parse(new String[] {conf.toString(), "S.K=w", "S.L=x"});
        assertEquals(conf, args.confFile());
        assertEquals(List.of("S.K=w", "S.L=x"), args.overrides());
    }

    @Test
    void usageNamesTheDaemon() {
        assertEquals("usage: imgr <file>.conf [Section.Key=value ...]", DaemonArgs.usage("imgr"));
    }
}
