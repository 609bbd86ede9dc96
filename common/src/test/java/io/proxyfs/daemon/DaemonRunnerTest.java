package io.proxyfs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DaemonRunnerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final BlockingQueue<SignalSource.Kind> signals = new LinkedBlockingQueue<>();
    private final List<String> calls = new ArrayList<>();

    @AfterEach
    void restoreLogging() {
        DaemonLogging.configure(LogSettings.consoleOnly());
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return new DaemonRunner("testd", "TESTD", err).run(args, conf -> {
            calls.add("start " + conf.getString("TESTD", "Name"));
            return new Service() {
                @Override
                public void signal() {
                    calls.add("signal");
                }

                @Override
                public void stop() {
                    calls.add("stop");
                }
            };
        }, () -> signals::take);
    }

    private Path conf(String body) throws Exception {
        return Files.writeString(dir.resolve("t.conf"), "[TESTD]\n" + body);
    }

    @Test
    void noArgumentsPrintUsageAndExit2() {
        assertEquals(DaemonRunner.EXIT_USAGE, run());
        assertTrue(err().contains("testd: no .conf file specified"), err());
        assertTrue(err().contains("usage: testd <file>.conf [Section.Key=value ...]"), err());
        assertTrue(calls.isEmpty());
    }

    @Test
    void missingConfFileExits2() {
        assertEquals(DaemonRunner.EXIT_USAGE, run(dir.resolve("missing.conf").toString()));
        assertTrue(err().contains("does not exist"), err());
    }

    @Test
    void malformedConfigExits1BeforeStarting() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: maybe\nTraceEnabled: false\n");
        assertEquals(DaemonRunner.EXIT_FAILURE, run(conf.toString()));
        assertTrue(err().contains("failed to load config"), err());
        assertTrue(err().contains("LogToConsole"), err());
        assertTrue(err().contains("maybe"), err());
        assertTrue(calls.isEmpty());
    }

    @Test
    void missingRequiredLoggingKeyExits1() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: true\n");
        assertEquals(DaemonRunner.EXIT_FAILURE, run(conf.toString()));
        assertTrue(err().contains("TraceEnabled"), err());
        assertTrue(calls.isEmpty());
    }

    @Test
    void badOverrideExits1() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: false\nTraceEnabled: false\n");
        assertEquals(DaemonRunner.EXIT_FAILURE, run(conf.toString(), "no-equals-sign"));
        assertTrue(err().contains("failed to load config"), err());
        assertTrue(calls.isEmpty());
    }

    @Test
    void startFailureExits1WithTheReason() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: false\nTraceEnabled: false\n");
        int code = new DaemonRunner("testd", "TESTD", err).run(new String[] {conf.toString()},
                c -> {
                    throw new NotBuiltException("testd", 99);
                }, () -> signals::take);
        assertEquals(DaemonRunner.EXIT_FAILURE, code);
        assertTrue(err().contains("testd is not built yet"), err());
        assertTrue(err().contains("issue 99"), err());
    }

    @Test
    void configRefusedByTheServiceIsAConfigFailure() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: false\nTraceEnabled: false\nPort: 70000\n");
        int code = new DaemonRunner("testd", "TESTD", err).run(new String[] {conf.toString()},
                c -> {
                    c.getUint16("TESTD", "Port");
                    throw new AssertionError("not reached");
                }, () -> signals::take);
        assertEquals(DaemonRunner.EXIT_FAILURE, code);
        assertTrue(err().contains("testd: failed to load config: "), err());
        assertTrue(err().contains("[TESTD]Port"), err());
    }

    @Test
    void hupSignalsAndStopStopsWithOverridesApplied() throws Exception {
        Path log = dir.resolve("testd.log");
        Path conf = conf("Name: fromfile\nLogFilePath: " + log + "\nLogToConsole: false\nTraceEnabled: false\n");
        signals.add(SignalSource.Kind.HUP);
        signals.add(SignalSource.Kind.STOP);
        assertEquals(0, run(conf.toString(), "TESTD.Name=fromoverride"));
        assertEquals(List.of("start fromoverride", "signal", "stop"), calls);
        String logged = Files.readString(log);
        assertTrue(logged.contains("[INFO] DaemonRunner: UP"), logged);
        assertTrue(logged.contains("Received SIGHUP"), logged);
        assertTrue(logged.contains("[INFO] DaemonRunner: DOWN"), logged);
    }

    @Test
    void stopFailureExits1() throws Exception {
        Path conf = conf("Name: x\nLogToConsole: false\nTraceEnabled: false\n");
        signals.add(SignalSource.Kind.STOP);
        AtomicReference<ConfMap> seen = new AtomicReference<>();
        int code = new DaemonRunner("testd", "TESTD", err).run(new String[] {conf.toString()}, c -> {
            seen.set(c);
            return () -> {
                throw new IllegalStateException("disk on fire");
            };
        }, () -> signals::take);
        assertEquals(DaemonRunner.EXIT_FAILURE, code);
        assertTrue(err().contains("failed to stop cleanly: disk on fire"), err());
        assertEquals("x", seen.get().getString("TESTD", "Name"));
    }

    @Test
    void serviceEndingByItselfIsStoppedAndExits0() throws Exception {
        Path log = dir.resolve("testd.log");
        Path conf = conf("Name: x\nLogFilePath: " + log + "\nLogToConsole: false\nTraceEnabled: false\n");
        java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();
        signals.add(SignalSource.Kind.HUP);
        int code = new DaemonRunner("testd", "TESTD", err).run(new String[] {conf.toString()}, c -> new Service() {
            @Override
            public void signal() {
                calls.add("signal");
                ended.complete("its mount went away");
            }

            @Override
            public void stop() {
                calls.add("stop");
            }

            @Override
            public java.util.concurrent.CompletionStage<String> ended() {
                return ended;
            }
        }, () -> signals::take);
        assertEquals(0, code);
        assertEquals(List.of("signal", "stop"), calls);
        String logged = Files.readString(log);
        assertTrue(logged.contains("testd ended by itself: its mount went away"), logged);
        assertTrue(logged.contains("[INFO] DaemonRunner: DOWN"), logged);
    }
}
