package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short external commands (tar, ls, sync, fusermount, mkmount.sh) to completion. Stateless. */
final class Commands {
    private Commands() {
    }

    /** What a finished command printed (stdout and stderr merged) and its exit code. */
    record Outcome(int exitCode, String output) {
    }

    /** Runs {@code command}, failing if it does not finish within {@code seconds}. */
    static Outcome run(long seconds, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        // Read before waiting, so that a chatty command never blocks on a full pipe.
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs {@code command} and fails unless it exits 0. */
    static String check(long seconds, String... command) throws IOException, InterruptedException {
        Outcome o = run(seconds, Map.of(), List.of(command));
        if (o.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + o.exitCode() + ": " + tail(o.output()));
        }
        return o.output();
    }

    /** The end of a long text, for error messages. */
    static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }
}
