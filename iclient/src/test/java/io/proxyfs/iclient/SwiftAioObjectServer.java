package io.proxyfs.iclient;

import io.proxyfs.testing.LauncherCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The object server of the real Swift of {@code scripts/swift-aio.sh}, for crash tests: the whole
 * server killed with SIGKILL ({@code swift-aio.sh kill-object}) and started again
 * ({@code start-object}, which waits for its healthcheck and does nothing when it runs), or only
 * its worker process, the one serving the requests, which the server's parent replaces at once
 * ({@code kill-object-worker}). The other Swift servers are never touched. Stateless; not for
 * concurrent use.
 */
final class SwiftAioObjectServer {
    private SwiftAioObjectServer() {
    }

    /** Whether {@code swift-aio.sh status} says this script's Swift runs (so its object server can be killed). */
    static boolean ours() throws Exception {
        return script("status").exitCode == 0;
    }

    /** kill -9 of the object server (its whole process group). */
    static void kill() throws Exception {
        script("kill-object").orFail("kill-object");
    }

    /** kill -9 of the object server's worker process(es); returns once a new one serves. */
    static void killWorker() throws Exception {
        script("kill-object-worker").orFail("kill-object-worker");
    }

    /** Starts the object server again unless it runs, and waits for its healthcheck. */
    static void start() throws Exception {
        script("start-object").orFail("start-object");
    }

    private record Outcome(int exitCode, String output) {
        void orFail(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException("scripts/swift-aio.sh " + what + " failed (" + exitCode + "): " + output);
            }
        }
    }

    private static Outcome script(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(LauncherCheck.top().resolve("scripts/swift-aio.sh").toString(), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("scripts/swift-aio.sh " + command + " did not finish in 120 s");
        }
        return new Outcome(p.exitValue(), out.strip());
    }
}
