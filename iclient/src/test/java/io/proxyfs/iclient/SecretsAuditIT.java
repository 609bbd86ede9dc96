package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.DaemonLogging;
import io.proxyfs.daemon.LogSettings;
import io.proxyfs.ickpt.Ickpt;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RawHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets audit: the whole system (Swift emulator, ickpt, imgr checkpointing to it, a mounted
 * iclient) runs with a distinctive Swift key and every log at TRACE (retryrpc
 * and FUSE logging on; the code logs nothing below DEBUG); the test mounts, does file I/O, waits for checkpoints, sends bad and
 * fake tokens to imgr (HTTP and retryrpc) and ickpt, revokes the tokens, names missing
 * containers, mounts with a wrong key; then fetches every status page and JSON
 * route of every daemon. Every text gathered — the log, every page and answer with its headers,
 * every exception with its causes — must hold neither key nor any Swift token
 * (the emulator's tokens all look like {@code AUTH_tk} and 32 hex digits, so a token leaked from
 * anywhere is found, including the fake ones the test sends). The test also asserts that the log
 * has DEBUG and TRACE lines and that every page answered, so it cannot pass on empty input.
 * idestroy's output is audited by {@code IdestroySecretsIT} in its own module.
 */
@Timeout(300)
class SecretsAuditIT {
    private static final String KEY = "swiftKEY-d1stinct-9b7e4";
    private static final String WRONG_KEY = "wrongKEY-d1stinct-3c2f8";
    /** A made-up token with a real token's shape: answers that echo a token would show it. */
    private static final String FAKE_TOKEN = "AUTH_tk" + "0123456789abcdef".repeat(2);
    private static final Pattern TOKEN = Pattern.compile("AUTH_tk[0-9a-f]{32}");
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
            Duration.ofSeconds(10), 4);

    @TempDir
    Path dir;

    private Cluster cluster;
    private Ickpt ickpt;
    /** Every text to search, by where it came from. */
    private final Map<String, String> seen = new LinkedHashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (ickpt != null) {
                ickpt.stop();
            }
            DaemonLogging.configure(LogSettings.consoleOnly());
        }
    }

    @Test
    void noKeyOrTokenAppearsInLogsPagesAnswersOrExceptions() throws Exception {
        Path log = dir.resolve("all.log");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, true, true));
        int ickptPort = Cluster.freePort();
        ickpt = Ickpt.start(ConfMap.load(LauncherCheck.top().resolve("ickpt/dev.conf"), List.of(
                "ICKPT.Port=" + ickptPort, "ICKPT.DataBasePath=" + dir.resolve("ickpt"), "ICKPT.LogToConsole=false",
                "ICKPT.TraceEnabled=true")));
        SwiftAccount account = new SwiftAccount("test:tester", KEY, "AUTH_test");
        cluster = new Cluster(account, dir, "IMGR.CheckPointIPAddrs=127.0.0.1:" + ickptPort, "IMGR.CheckPointInterval=1s",
                "IMGR.LogToConsole=false", "IMGR.TraceEnabled=true", "IMGR.RetryRPCLogEnabled=true");
        Path mnt = dir.resolve("mnt");
        Iclient client = cluster.mount(mnt, "ICLIENT.HTTPServerPort=" + Cluster.freePort(), "ICLIENT.TraceEnabled=true",
                "ICLIENT.FUSELogEnabled=true", "ICLIENT.RetryRPCLogEnabled=true", "ICLIENT.LogToConsole=false");
        String authUrl = cluster.baseUrl + "/auth/v1.0";
        String token = new TempAuth(authUrl, account.user(), KEY, FAST).current().token();
        String storageUrl = cluster.baseUrl + "/v1/AUTH_test";
        String checkpointUrl = storageUrl + "/" + cluster.container + "/0000000000000000";

        // Use the file system; imgr checkpoints to ickpt every second.
        Files.createDirectories(mnt.resolve("d"));
        Files.writeString(mnt.resolve("d/a.txt"), "secret-free content");
        Files.write(mnt.resolve("b.bin"), new byte[300_000]);
        Files.move(mnt.resolve("b.bin"), mnt.resolve("d/b.bin"));
        client.fileSystem().fsync();
        assertEquals("secret-free content", Files.readString(mnt.resolve("d/a.txt")));
        awaitIckptCommits(ickptPort);

        // Refusals that carry request context: bad and fake tokens, missing containers.
        int imgrPort = cluster.imgrHttpPort();
        record("imgr POST /volume fake token", RawHttp.send(imgrPort, "POST", "/volume", List.of(), json(storageUrl
                + "/nosuch", FAKE_TOKEN)));
        record("imgr PUT /volume missing container", RawHttp.send(imgrPort, "PUT", "/volume/other", List.of(),
                json(storageUrl + "/nosuch", token)));
        try (SwiftClient swift = new SwiftClient(new TempAuth(authUrl, account.user(), KEY, FAST), FAST)) {
            swift.createContainer("unformatted");
        }
        record("imgr POST /volume fake token, existing container", RawHttp.send(imgrPort, "POST", "/volume", List.of(),
                json(storageUrl + "/unformatted", FAKE_TOKEN)));
        record("imgr PUT /volume fake token", RawHttp.send(imgrPort, "PUT", "/volume/other2", List.of(),
                json(storageUrl + "/unformatted", FAKE_TOKEN)));
        record("imgr PUT /volume unformatted", RawHttp.send(imgrPort, "PUT", "/volume/other3", List.of(),
                json(storageUrl + "/unformatted", token)));
        String refused = ickptCall(ickptPort, "GET", "/", checkpointUrl, FAKE_TOKEN, "");
        assertEquals(401, RawHttp.status(refused), refused);
        record("ickpt GET fake token", refused);
        record("ickpt GET missing container", ickptCall(ickptPort, "GET", "/", storageUrl + "/nosuch/0000000000000000",
                token, ""));
        record("ickpt PUT bad body", ickptCall(ickptPort, "PUT", "/t1", checkpointUrl, token, "not a checkpoint"));
        record("ickpt PUT non-ASCII token", ickptCall(ickptPort, "PUT", "/t1", checkpointUrl, token + "\u00ff", "x"));
        try (RetryRpcClient rpc = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", cluster.imgrRpcPort())
                .withCallDeadline(Duration.ofSeconds(10)), p -> { }, (o, n) -> { })) {
            record("retryrpc Mount fake token", assertThrows(Exception.class, () -> rpc.call(ImgrMethods.MOUNT,
                    new MountRequest("testvol", FAKE_TOKEN), MountResponse.class)));
            record("retryrpc Mount unknown volume", assertThrows(Exception.class, () -> rpc.call(ImgrMethods.MOUNT,
                    new MountRequest("nosuch", token), MountResponse.class)));
            record("retryrpc Mount token of a wrong type", assertThrows(Exception.class, () -> rpc.call(
                    ImgrMethods.MOUNT, Map.of("VolumeName", "testvol", "AuthToken", List.of(FAKE_TOKEN)),
                    MountResponse.class)));
            record("retryrpc RenewMount unknown mount", assertThrows(Exception.class, () -> rpc.call(
                    ImgrMethods.RENEW_MOUNT, new io.proxyfs.imgrapi.RenewMountRequest("nosuch", FAKE_TOKEN),
                    io.proxyfs.imgrapi.RenewMountResponse.class)));
        }
        record("TempAuth wrong key", assertThrows(Exception.class,
                () -> new TempAuth(authUrl, account.user(), WRONG_KEY, FAST).current()));
        Path mnt2 = Files.createDirectories(dir.resolve("mnt2"));
        record("iclient mount wrong key", mountFails(cluster.conf(mnt2, "ICLIENT.AuthPlugInEnvValue="
                + plugIn(authUrl, WRONG_KEY, cluster.container))));
        Exception noVolume = mountFails(cluster.conf(mnt2, "ICLIENT.AuthPlugInEnvValue=" + plugIn(authUrl, KEY, "nosuch")));
        assertTrue(String.valueOf(noVolume.getMessage()).contains("holds no volume"), noVolume.toString());
        record("iclient mount missing container", noVolume);

        // Revoke every token: the old one stops working at ickpt (after its 5 s cache) and imgr;
        // the mount renews its token through the auth plug-in and carries on.
        cluster.emulator().revokeTokens();
        Thread.sleep(5_500);
        String revoked = ickptCall(ickptPort, "GET", "/", checkpointUrl, token, "");
        assertEquals(401, RawHttp.status(revoked), "a revoked token stops access at ickpt: " + revoked);
        record("ickpt GET revoked token", revoked);
        try (RetryRpcClient rpc = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", cluster.imgrRpcPort())
                .withCallDeadline(Duration.ofSeconds(10)), p -> { }, (o, n) -> { })) {
            Exception e = assertThrows(Exception.class, () -> rpc.call(ImgrMethods.MOUNT,
                    new MountRequest("testvol", token), MountResponse.class));
            assertTrue(String.valueOf(e.getMessage()).contains("EAuthTokenRejected"), "imgr refuses it: " + e);
            record("retryrpc Mount revoked token", e);
        }
        Files.writeString(mnt.resolve("d/after-revocation.txt"), "still writable");
        client.fileSystem().fsync();
        assertEquals("still writable", Files.readString(mnt.resolve("d/after-revocation.txt")));
        assertTrue(client.stats().get("imgrRenewals") >= 1, "the mount renewed its token: " + client.stats());
        String renewed = new TempAuth(authUrl, account.user(), KEY, FAST).current().token();
        assertNotEquals(token, renewed);
        awaitIckptCommits(ickptPort);

        // idestroy's own audit is IdestroySecretsIT (its module is built after this one).

        // Every status page and JSON route of every daemon.
        int pages = 0;
        for (String path : List.of("/", "/config", "/version", "/stats", "/metrics", "/volume", "/volume/testvol",
                "/volume/testvol/inode/1")) {
            pages += page("imgr", imgrPort, path);
        }
        for (String path : List.of("/status", "/config", "/version", "/stats", "/metrics")) {
            pages += page("ickpt", ickptPort, path);
        }
        record("ickpt GET checkpoint", ickptCall(ickptPort, "GET", "/", checkpointUrl, renewed, ""));
        for (String path : List.of("/", "/index.html", "/config", "/version", "/stats", "/metrics", "/leases")) {
            pages += page("iclient", client.httpPort(), path);
        }
        for (String path : List.of("/info", "/healthcheck")) {
            pages += page("iswift", cluster.emulator().port(), path);
        }
        cluster.unmount(client);
        pages += page("imgr after unmount", imgrPort, "/volume/testvol");

        // imgr keeps each served volume's token in its state file, readable by its owner only.
        String state = Files.readString(dir.resolve("served.json"));
        assertTrue(TOKEN.matcher(state).find(), "the state file holds the token imgr was given");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("served.json"))));

        String logText = Files.readString(log);
        seen.put("the log", logText);
        saveForInspection();
        assertTrue(logText.contains("[DEBUG]") && logText.length() > 20_000,
                "the log has DEBUG lines (" + logText.length() + " chars)");
        assertTrue(logText.contains("retryrpc") || logText.contains("RetryRpc"), "retryrpc logged");
        assertEquals(2 * (8 + 5 + 7 + 2 + 1), pages, "every page answered 200, asked for HTML and for JSON");
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> e : seen.entrySet()) {
            for (String secret : List.of(KEY, WRONG_KEY)) {
                int at = e.getValue().indexOf(secret);
                if (at >= 0) {
                    leaks.add(e.getKey() + ": the key at " + context(e.getValue(), at));
                }
            }
            Matcher m = TOKEN.matcher(e.getValue());
            while (m.find()) {
                leaks.add(e.getKey() + ": a token at " + context(e.getValue(), m.start()));
            }
        }
        System.out.println("SecretsAuditIT: searched " + seen.size() + " texts (" + seen.values().stream()
                .mapToInt(String::length).sum() + " chars, log " + logText.length() + " chars, " + pages + " pages)");
        assertTrue(leaks.isEmpty(), leaks.size() + " leaks: " + leaks.subList(0, Math.min(10, leaks.size())));
    }

    /** The exception a mount with {@code conf} fails with; a mount that succeeds is stopped and fails the test. */
    private static Exception mountFails(ConfMap conf) {
        try {
            Iclient.start(conf).stop();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the mount should have been refused");
    }

    /** GETs a page as HTML and as JSON; returns how many of the two answered 200. */
    private int page(String daemon, int port, String path) throws Exception {
        int ok = 0;
        for (String accept : List.of("text/html", "application/json")) {
            String r = RawHttp.send(port, "GET", path, List.of("Accept: " + accept), new byte[0]);
            record(daemon + " GET " + path + " " + accept, r);
            if (RawHttp.status(r) == 200 && !RawHttp.body(r).isEmpty()) {
                ok++;
            } else {
                System.out.println("SecretsAuditIT: " + daemon + " " + RawHttp.describe("GET", path, r));
            }
        }
        return ok;
    }

    private void awaitIckptCommits(int ickptPort) throws Exception {
        long before = commits(ickptPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (commits(ickptPort) <= before) {
            assertTrue(System.nanoTime() < deadline, "imgr commits checkpoints to ickpt");
            Thread.sleep(200);
        }
    }

    private static long commits(int ickptPort) throws Exception {
        String stats = RawHttp.body(RawHttp.send(ickptPort, "GET", "/stats", List.of(), new byte[0]));
        Matcher m = Pattern.compile("ickpt\\.commits (\\d+)").matcher(stats);
        assertTrue(m.find(), stats);
        return Long.parseLong(m.group(1));
    }

    private static String ickptCall(int port, String method, String path, String url, String token, String body)
            throws Exception {
        return RawHttp.send(port, method, path, List.of("X-Storage-Url: " + url, "X-Auth-Token: " + token),
                body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] json(String storageUrl, String token) {
        return ("{\"StorageURL\":\"" + storageUrl + "\",\"AuthToken\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String plugIn(String authUrl, String key, String container) {
        return ("{\"AuthURL\":\"" + authUrl + "\",\"AuthUser\":\"test:tester\",\"AuthKey\":\"" + key
                + "\",\"Account\":\"AUTH_test\",\"Container\":\"" + container + "\"}").replace(",", "\\u002C");
    }

    /** Writes every text searched to iclient/target/secrets-audit/, one file each, for a reader. */
    private void saveForInspection() throws java.io.IOException {
        Path out = LauncherCheck.top().resolve("iclient/target/secrets-audit");
        if (Files.isDirectory(out)) {
            try (java.util.stream.Stream<Path> old = Files.list(out)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
        int i = 0;
        for (Map.Entry<String, String> e : seen.entrySet()) {
            Files.writeString(out.resolve(String.format("%02d-%s.txt", i++, e.getKey().replaceAll("[^A-Za-z0-9.-]+", "_"))),
                    e.getValue());
        }
    }

    private void record(String what, String text) {
        seen.put(what, text);
    }

    private void record(String what, Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        seen.put(what, w.toString());
    }

    private static String context(String text, int at) {
        return "\"" + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 60)).replace('\n', ' ') + "\"";
    }
}
