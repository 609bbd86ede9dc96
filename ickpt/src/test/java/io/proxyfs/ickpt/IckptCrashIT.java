package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.testing.LauncherCheck;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ickpt as a user runs it ({@code ickpt/ickpt ickpt/dev.conf} with overrides), one instance and
 * a 3-instance cluster, killed with SIGKILL in the middle of a stream of commits: after a restart
 * every acknowledged commit is there (the quorum reads at least the last acknowledged checkpoint);
 * SIGTERM then stops each instance cleanly.
 */
@Timeout(180)
class IckptCrashIT {
    @TempDir
    Path dir;

    private SwiftVolume volume;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        volume = new SwiftVolume();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        volume.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process launch(int i) throws Exception {
        Path top = LauncherCheck.top();
        Process p = new ProcessBuilder(top.resolve("ickpt/ickpt").toString(), "ickpt/dev.conf",
                "ICKPT.Port=" + ports.get(i), "ICKPT.DataBasePath=" + dir.resolve("db" + i),
                "ICKPT.LogToConsole=false", "ICKPT.LogFilePath=" + dir.resolve("ickpt" + i + ".log"))
                .directory(top.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ickpt" + i + ".out").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i) + "/"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        BodyHandlers.discarding()).statusCode() == 204) {
                    return p;
                }
            } catch (IOException notYet) {
                assertTrue(p.isAlive(), "ickpt exited: " + Files.readString(dir.resolve("ickpt" + i + ".out")));
            }
            assertTrue(System.nanoTime() < deadline, "ickpt did not answer HEAD /");
            Thread.sleep(100);
        }
    }

    @ParameterizedTest(name = "{0} instance(s)")
    @ValueSource(ints = {1, 3})
    void everyAcknowledgedCommitSurvivesKillNine(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            ports.add(freePort());
            processes.add(launch(i));
        }
        List<String> addrs = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        AtomicLong acknowledged = new AtomicLong(0);
        try (IckptQuorum quorum = new IckptQuorum(new IckptClientSettings(addrs, 33123, Optional.empty(),
                Duration.ofMillis(10), 1.0, 0, Duration.ofSeconds(5), 8))) {
            Thread writer = new Thread(() -> {
                for (long k = 1; ; k++) {
                    try {
                        quorum.write(volume.url(), volume.token, cp(k, k * 10).getBytes(StandardCharsets.US_ASCII));
                        acknowledged.set(k);
                    } catch (IOException e) {
                        return; // the instances are gone
                    }
                }
            }, "commit-stream");
            writer.start();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (acknowledged.get() < 20 || System.nanoTime() < until) {
                assertTrue(writer.isAlive(), "the commit stream failed before the kill after "
                        + acknowledged.get() + " commits");
                Thread.sleep(20);
            }
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            }
            writer.join(30_000);
            long acked = acknowledged.get();
            assertTrue(acked >= 20, "a stream of commits ran: " + acked);

            for (int i = 0; i < n; i++) {
                processes.set(i, launch(i));
            }
            CheckPointV1 read = CheckPointV1.unmarshal(quorum.read(volume.url(), volume.token).orElseThrow());
            assertTrue(Long.compareUnsigned(read.superBlockObjectNumber(), acked) >= 0,
                    "acknowledged " + acked + " commits, read back " + read);
            assertTrue(Long.compareUnsigned(read.superBlockObjectNumber(), acked + 1) <= 0,
                    "at most the one commit in flight more: " + read);
            System.out.println(n + " instance(s): " + acked + " commits acknowledged before kill -9; read back "
                    + Long.toUnsignedString(read.superBlockObjectNumber()));
        }
        for (Process p : processes) {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops ickpt");
            assertEquals(0, p.exitValue());
        }
    }

    @org.junit.jupiter.api.Test
    void theStreamGoesOnWhenOneOfThreeIsKilledAndItCatchesUpAfterItsRestart() throws Exception {
        for (int i = 0; i < 3; i++) {
            ports.add(freePort());
            processes.add(launch(i));
        }
        List<String> addrs = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        AtomicLong acknowledged = new AtomicLong(0);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (IckptQuorum quorum = new IckptQuorum(new IckptClientSettings(addrs, 33123, Optional.empty(),
                Duration.ofMillis(10), 1.0, 0, Duration.ofSeconds(5), 8))) {
            Thread writer = new Thread(() -> {
                for (long k = 1; !stop.get(); k++) {
                    try {
                        quorum.write(volume.url(), volume.token, cp(k, k * 10).getBytes(StandardCharsets.US_ASCII));
                        acknowledged.set(k);
                    } catch (IOException e) {
                        failed.set(e);
                        return;
                    }
                }
            }, "commit-stream");
            writer.start();
            while (acknowledged.get() < 10) {
                assertTrue(writer.isAlive(), "the stream failed: " + failed.get());
                Thread.sleep(20);
            }
            processes.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long atKill = acknowledged.get();
            while (acknowledged.get() < atKill + 20) {
                assertTrue(writer.isAlive(), "the stream stopped with one of three instances down: " + failed.get());
                Thread.sleep(20);
            }
            stop.set(true);
            writer.join(30_000);
            assertTrue(failed.get() == null, "no write failed: " + failed.get());
            long acked = acknowledged.get();

            processes.set(0, launch(0));
            CheckPointV1 read = CheckPointV1.unmarshal(quorum.read(volume.url(), volume.token).orElseThrow());
            assertEquals(acked, read.superBlockObjectNumber(), "the newest acknowledged commit");
            // The read brought instance 0, which missed the commits made while it was down, up to date.
            HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(0) + "/"))
                    .header("X-Storage-Url", volume.url()).header("X-Auth-Token", volume.token).build();
            assertEquals(cp(acked, acked * 10), http.send(direct, BodyHandlers.ofString()).body());
        }
    }
}
