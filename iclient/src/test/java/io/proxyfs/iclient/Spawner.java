package io.proxyfs.iclient;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Starts daemons from a helper shell that was itself started before any FUSE mount, not from
 * this JVM. A fork of a JVM that holds files open on a FUSE mount closes them in the child before
 * exec, every close is a FUSE flush, and iclient answers a flush with a write-back: when that
 * write-back waits for the daemon being started (imgr, during ImgrCrashCampaignIT's workload),
 * {@code ProcessBuilder.start} waits for it too, until iclient's calls time out (a restart of imgr
 * took 361 s; jstack: main in {@code ProcessImpl.forkAndExec}, iclient's flushes waiting on imgr).
 * The helper holds no such files. Not thread-safe: one test thread drives it.
 */
final class Spawner implements AutoCloseable {
    /** Runs each line it reads in a background subshell. */
    private static final String LOOP = "while IFS= read -r line; do ( eval \"$line\" ) & done";

    /** A process the helper started: its pid, and the file its exit code goes to when it ends. */
    record Spawned(long pid, Path exitFile) {
        boolean isAlive() {
            return !Files.exists(exitFile);
        }

        /** SIGKILL ({@code force}) or SIGTERM. */
        void signal(boolean force) {
            ProcessHandle.of(pid).ifPresent(h -> {
                if (force) {
                    h.destroyForcibly();
                } else {
                    h.destroy();
                }
            });
        }

        /** Its exit code once it ended within {@code timeout} (137 after SIGKILL), else empty. */
        OptionalInt awaitExit(Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (isAlive()) {
                if (System.nanoTime() > deadline) {
                    return OptionalInt.empty();
                }
                Thread.sleep(20);
            }
            return OptionalInt.of(Integer.parseInt(Files.readString(exitFile).trim()));
        }
    }

    private final Path dir;
    private final Process shell;
    private final Writer commands;
    private int spawned;

    /** Starts the helper (before any mount); its bookkeeping files go to {@code dir}. */
    Spawner(Path dir) throws IOException {
        this.dir = dir;
        this.shell = new ProcessBuilder("bash", "-c", LOOP).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("spawner.out").toFile())).start();
        this.commands = new java.io.OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Runs {@code command} in {@code workDir} with its output appended to {@code log}; returns once it runs. */
    Spawned spawn(Path workDir, List<String> command, Path log) throws IOException, InterruptedException {
        spawned++;
        Path pid = dir.resolve("spawned-" + spawned + ".pid");
        Path exit = dir.resolve("spawned-" + spawned + ".exit");
        String line = "cd " + quote(workDir) + " && { " + command.stream().map(Spawner::quote)
                .collect(Collectors.joining(" ")) + " >> " + quote(log) + " 2>&1 & c=$!; echo $c > "
                + quote(pid) + ".tmp; mv " + quote(pid) + ".tmp " + quote(pid) + "; wait $c; echo $? > "
                + quote(exit) + ".tmp; mv " + quote(exit) + ".tmp " + quote(exit) + "; }";
        commands.write(line + "\n");
        commands.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(pid)) {
            if (!shell.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the spawner did not start " + command + " (see " + dir.resolve("spawner.out") + ")");
            }
            Thread.sleep(5);
        }
        return new Spawned(Long.parseLong(Files.readString(pid).trim()), exit);
    }

    private static String quote(Object s) {
        return "'" + s.toString().replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        shell.destroy();
    }
}
