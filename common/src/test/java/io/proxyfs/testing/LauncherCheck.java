package io.proxyfs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a module's launcher script ({@code imgr/imgr}, ...) the way a user does, from the top of
 * the checkout, and checks its refusals: usage on no argument or a missing file, a clear config
 * error naming the key and the bad text. Used by each daemon module's {@code LauncherIT} after
 * {@code package} built the jar. Stateless.
 */
public final class LauncherCheck {
    /** What a finished launcher run left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private LauncherCheck() {
    }

    /** The top of the checkout: the parent of the module folder Maven runs tests in. */
    public static Path top() {
        Path cwd = Path.of("").toAbsolutePath();
        Path top = cwd.getParent();
        if (top == null || !Files.exists(top.resolve("scripts/launch.sh"))) {
            throw new IllegalStateException("not inside a module of the checkout: " + cwd);
        }
        return top;
    }

    /** Runs {@code <top>/<name>/<name> args...} from the top of the checkout, with a time limit. */
    public static Result run(String name, String... args) throws IOException, InterruptedException {
        Path top = top();
        List<String> command = new ArrayList<>();
        command.add(top.resolve(name).resolve(name).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(top.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " launcher did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Asserts the launcher's refusals; {@code confFile} is relative to the top, {@code badOverride} names a boolean key set to "maybe". */
    public static void assertRefusals(String name, String confFile, String badOverride) throws Exception {
        Result none = run(name);
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.stderr().contains("usage: " + name + " <file>.conf [Section.Key=value ...]"), none.stderr());

        Result missing = run(name, "no/such/file.conf");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().contains("no/such/file.conf"), missing.stderr());

        Result help = run(name, "--help");
        assertEquals(2, help.exitCode(), help.toString());
        assertTrue(help.stderr().contains("usage: " + name), help.stderr());

        Result bad = run(name, confFile, badOverride + "=maybe");
        assertEquals(1, bad.exitCode(), bad.toString());
        String key = badOverride.substring(badOverride.indexOf('.') + 1);
        assertTrue(bad.stderr().contains(name + ": failed to load config"), bad.stderr());
        assertTrue(bad.stderr().contains(key), bad.stderr());
        assertTrue(bad.stderr().contains("maybe"), bad.stderr());
    }
}
