package io.proxyfs.bench.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwiftAioWorkersTest {
    @TempDir
    Path dir;

    private void conf(String server, String port, String workers) throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/" + server + ".conf"), "# generated\n[DEFAULT]\nbind_ip = 127.0.0.1\n"
                + "bind_port = " + port + "\nworkers = " + workers + "\nuser = root\n");
    }

    @Test
    void namesOneSettingForBothServers() throws IOException {
        conf("proxy-server", "8080", "1");
        conf("object-server", "6200", "1");
        assertEquals(Optional.of("workers = 1 for proxy and object server"), SwiftAioWorkers.describe(dir, 8080));
    }

    @Test
    void autoSaysHowManyCores() throws IOException {
        conf("proxy-server", "8080", "auto");
        conf("object-server", "6200", "3");
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Optional.of("workers = auto (" + cores + " cores) for the proxy, 3 for the object server"),
                SwiftAioWorkers.describe(dir, 8080));
    }

    @Test
    void saysNothingForAnotherSwift() throws IOException {
        assertEquals(Optional.empty(), SwiftAioWorkers.describe(dir, 8080));
        conf("proxy-server", "8080", "2");
        conf("object-server", "6200", "2");
        assertEquals(Optional.empty(), SwiftAioWorkers.describe(dir, 9090));
    }

    @Test
    void ignoresCommentsAndOtherKeys() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Path conf = dir.resolve("etc/x.conf");
        Files.writeString(conf, "#workers = 9\nmax_workers = 7\n workers=4 \n");
        assertEquals(Optional.of("4"), SwiftAioWorkers.setting(conf, "workers"));
        assertEquals(Optional.empty(), SwiftAioWorkers.setting(dir.resolve("etc/none.conf"), "workers"));
    }
}
