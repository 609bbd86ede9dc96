package io.proxyfs.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the golden vectors in {@code ../shared/vectors}, produced by the original Go code.
 *
 * <p>CI always has {@code shared/} beside the checkout; a developer's tree may not. Tests that
 * need the vectors call {@link #requireDir()}, which skips the test (saying why) when they are
 * absent. Thread-safe: stateless.
 */
public final class SharedVectors {
    private SharedVectors() {
    }

    /** The vectors folder, found by walking up from the working directory, if it exists. */
    public static Optional<Path> findDir() {
        String override = System.getProperty("proxyfs.vectors.dir");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The vectors folder; skips the calling test, with a message, when it is absent. */
    public static Path requireDir() {
        Optional<Path> dir = findDir();
        assumeTrue(dir.isPresent(),
                "SKIPPED: ../shared/vectors not found beside the checkout; golden-vector test not run");
        return dir.get();
    }

    /** One file in the vectors folder; skips the calling test when it is absent. */
    public static Path require(String fileName) {
        Path file = requireDir().resolve(fileName);
        assumeTrue(Files.exists(file), "SKIPPED: " + file + " not found; golden-vector test not run");
        return file;
    }
}
