package io.proxyfs.idestroy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.iswift.FaultRule;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * idestroy as a user runs it ({@code idestroy/idestroy iclient/dev.conf}), with the emulator as
 * Swift and imgr as a process: it empties the container, refuses while a client has the volume
 * mounted unless forced, makes imgr stop serving the volume it empties, says plainly when the
 * container does not exist, and {@code imgr/mkmount.sh -f} started right after it waits for it
 * (the README's developer sequence).
 */
@Timeout(180)
class IdestroyIT {
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2,
            Duration.ofSeconds(10), 8);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private SwiftEmulator emulator;
    private SwiftClient swift;
    private SwiftCredentials credentials;
    private Process imgr;
    private int rpcPort;
    private int httpPort;

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), FAST);
        credentials = auth.current();
        swift = new SwiftClient(auth, FAST);
        swift.createContainer("con");
        rpcPort = freePort();
        httpPort = freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (imgr != null) {
            imgr.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        swift.close();
        emulator.close();
    }

    @Test
    void emptiesTheContainerWithoutImgrRunningAndSaysSo() throws Exception {
        putObjects(300);
        Run r = idestroy();
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("deleted 300 objects"), r.out);
        assertTrue(r.out.contains("container con is empty"), r.out);
        assertTrue(r.out.contains("did not answer"), "says it could not ask imgr: " + r.out);
        assertEquals(0, swift.listAllObjects("con").size());
    }

    @Test
    void emptiesAContainerOfTheRealSwift() throws Exception {
        RealSwift.require();
        String container = "idestroy-it-" + java.util.UUID.randomUUID();
        TempAuth auth = new TempAuth(RealSwift.AUTH_URL, RealSwift.USER, RealSwift.KEY, FAST);
        try (SwiftClient real = new SwiftClient(auth, FAST)) {
            real.createContainer(container);
            try {
                for (int i = 0; i < 120; i++) {
                    real.putObject(container, String.format("%016X", i), new byte[] {(byte) i});
                }
                Path out = dir.resolve("real.out");
                ProcessBuilder pb = new ProcessBuilder(idestroyCommand()).directory(LauncherCheck.top().toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile());
                environment(pb.environment());
                pb.environment().put("IAUTH_TEST", "{\"AuthURL\":\"" + RealSwift.AUTH_URL + "\",\"AuthUser\":\""
                        + RealSwift.USER + "\",\"AuthKey\":\"" + RealSwift.KEY + "\",\"Account\":\"AUTH_test\","
                        + "\"Container\":\"" + container + "\"}");
                Process p = pb.start();
                assertTrue(p.waitFor(90, TimeUnit.SECONDS));
                String text = Files.readString(out);
                assertEquals(0, p.exitValue(), text);
                assertTrue(text.contains("deleted 120 objects"), text);
                assertEquals(0, real.listAllObjects(container).size());
            } finally {
                for (io.proxyfs.swift.ObjectInfo o : real.listAllObjects(container)) {
                    real.deleteObject(container, o.name());
                }
                real.deleteContainer(container);
            }
        }
    }

    @Test
    void aMissingContainerIsSaidPlainlyAndExitsNonZero() throws Exception {
        swift.deleteContainer("con");
        Run r = idestroy();
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.err.contains("/con does not exist"), r.err);
    }

    @Test
    void refusesWhileMountedUnlessForcedAndThenImgrStopsServingTheVolume() throws Exception {
        startImgr();
        assertEquals(0, mkmount().exit);
        assertTrue(swift.listAllObjects("con").size() > 0, "formatted");
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCallDeadline(Duration.ofSeconds(30)), p -> { }, (o, n) -> { })) {
            client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()), MountResponse.class);
            int before = swift.listAllObjects("con").size();

            Run refused = idestroy();
            assertEquals(1, refused.exit, refused.toString());
            assertTrue(refused.err.contains("volume testvol") && refused.err.contains("--force"), refused.err);
            assertEquals(before, swift.listAllObjects("con").size(), "nothing deleted");

            Run forced = idestroy("--force");
            assertEquals(0, forced.exit, forced.toString());
            assertTrue(forced.out.contains("no longer serves volume testvol"), forced.out);
            assertEquals(0, swift.listAllObjects("con").size());
            assertFalse(get("/volume").contains("testvol"), "imgr no longer serves it");
        }
        // The volume can be formatted and served again in the emptied container.
        Run again = mkmount();
        assertEquals(0, again.exit, again.toString());
        assertTrue(again.out.contains("formatted container con"), again.out);
        assertTrue(get("/volume").contains("testvol"));
    }

    @Test
    void mkmountStartedRightAfterIdestroyWaitsForIt() throws Exception {
        putObjects(200);
        startImgr();
        // Slow the deletes down so that idestroy is surely still running when mkmount.sh starts.
        emulator.faults().add(FaultRule.delay(Duration.ofMillis(20), -1).matching("DELETE", "/v1/AUTH_test/con/.*"));
        Process destroyer = launch(idestroyCommand(), dir.resolve("idestroy.out"), "idestroy");
        Run mk = mkmount();
        assertTrue(destroyer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, destroyer.exitValue(), Files.readString(dir.resolve("idestroy.out")));
        assertEquals(0, mk.exit, mk.toString());
        assertTrue(mk.out.contains("waiting for idestroy"), mk.out);
        assertTrue(mk.out.contains("formatted container con"), "formatted after the container was emptied: " + mk.out);
        assertTrue(swift.listAllObjects("con").stream().anyMatch(o -> o.name().equals("0000000000000000")),
                "the new volume's checkpoint is there");
        assertTrue(swift.listAllObjects("con").stream().noneMatch(o -> o.name().startsWith("old-")),
                "every old object is gone");
    }

    private void putObjects(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            swift.putObject("con", "old-" + i, ("old " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run idestroy(String... extra) throws Exception {
        return runToEnd(idestroyCommand(extra), "idestroy");
    }

    /** iclient/dev.conf, with the auth settings taken from the environment (they name the emulator). */
    private static List<String> idestroyCommand(String... extra) {
        List<String> command = new ArrayList<>(List.of(LauncherCheck.top().resolve("idestroy/idestroy").toString(),
                "iclient/dev.conf"));
        command.addAll(List.of(extra));
        command.addAll(List.of("ICLIENT.AuthPlugInEnvName=IAUTH_TEST", "ICLIENT.AuthPlugInEnvValue=",
                "ICLIENT.LogToConsole=false"));
        return command;
    }

    private Run mkmount() throws Exception {
        return runToEnd(List.of(LauncherCheck.top().resolve("imgr/mkmount.sh").toString(), "-f", "-s"), "mkmount");
    }

    private Run runToEnd(List<String> command, String what) throws Exception {
        Path out = Files.createTempFile(dir, what, ".out");
        Path err = Files.createTempFile(dir, what, ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(LauncherCheck.top().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        environment(pb.environment());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not finish within 90 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Process launch(List<String> command, Path out, String what) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(LauncherCheck.top().toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        environment(pb.environment());
        return pb.start();
    }

    private void environment(Map<String, String> env) {
        env.put("PROXYFS_SWIFT_URL", emulator.baseUrl());
        env.put("PROXYFS_IMGR_URL", "http://127.0.0.1:" + httpPort);
        env.put("PROXYFS_WAIT_SECONDS", "30");
        env.put("PROXYFS_IMGR_WAIT_SECONDS", "1");
        env.put("IAUTH_TEST", "{\"AuthURL\":\"" + emulator.authUrl() + "\",\"AuthUser\":\"test:tester\","
                + "\"AuthKey\":\"testing\",\"Account\":\"AUTH_test\",\"Container\":\"con\"}");
    }

    private void startImgr() throws Exception {
        Path top = LauncherCheck.top();
        List<String> command = List.of(top.resolve("imgr/imgr").toString(), "imgr/dev.conf",
                "IMGR.RetryRPCPort=" + rpcPort, "IMGR.HTTPServerPort=" + httpPort,
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"),
                "IMGR.LogToConsole=false", "IMGR.LogFilePath=" + dir.resolve("imgr.log"));
        imgr = new ProcessBuilder(command).directory(top.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("imgr.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                get("/version");
                return;
            } catch (IOException notYet) {
                assertTrue(imgr.isAlive(), "imgr exited: " + Files.readString(dir.resolve("imgr.out")));
            }
            assertTrue(System.nanoTime() < deadline, "imgr did not answer /version");
            Thread.sleep(100);
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                BodyHandlers.ofString()).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
