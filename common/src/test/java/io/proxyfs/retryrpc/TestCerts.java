package io.proxyfs.retryrpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: runs {@code scripts/mkcert.sh} (found by walking up from the working directory). */
final class TestCerts {
    final Path dir;

    private TestCerts(Path dir) {
        this.dir = dir;
    }

    Path ca() {
        return dir.resolve("ca.pem");
    }

    Path cert() {
        return dir.resolve("server.pem");
    }

    Path key() {
        return dir.resolve("server-key.pem");
    }

    static TestCerts create(Path dir) throws IOException, InterruptedException {
        run(List.of("sh", script().toString(), dir.toString()));
        return new TestCerts(dir);
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(out));
        }
    }

    private static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("scripts/mkcert.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("scripts/mkcert.sh not found above " + Path.of("").toAbsolutePath());
    }
}
