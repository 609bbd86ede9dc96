package io.proxyfs.idestroy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * idestroy's part of the secrets audit (issue 20; iclient's {@code SecretsAuditIT} covers the
 * daemons): idestroy run as a user runs it, with every log line at TRACE on the console, against
 * the emulator whose account has a distinctive key — with a wrong key, a missing container, and a
 * container it empties — never prints the key, the wrong key or a Swift token. Lives here, not
 * beside SecretsAuditIT, because idestroy's module is built after iclient's.
 */
class IdestroySecretsIT {
    private static final String KEY = "swiftKEY-d1stinct-7a1d0";
    private static final String WRONG_KEY = "wrongKEY-d1stinct-5e9b2";
    private static final Pattern TOKEN = Pattern.compile("AUTH_tk[0-9a-f]{32}");
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2,
            Duration.ofSeconds(10), 8);

    @Test
    @Timeout(180)
    void idestroyNeverPrintsKeysOrTokens() throws Exception {
        SwiftAccount account = new SwiftAccount("test:tester", KEY, "AUTH_test");
        try (SwiftEmulator emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).account(account).start();
                SwiftClient swift = new SwiftClient(new TempAuth(emulator.authUrl(), account.user(), KEY, FAST), FAST)) {
            String token = new TempAuth(emulator.authUrl(), account.user(), KEY, FAST).current().token();
            swift.createContainer("scratch");
            for (int i = 1; i <= 5; i++) {
                swift.putObject("scratch", String.format("%016X", i), new byte[10]);
            }
            StringBuilder all = new StringBuilder();
            all.append(run(emulator.authUrl(), WRONG_KEY, "scratch", false));
            all.append(run(emulator.authUrl(), KEY, "nosuch", false));
            all.append(run(emulator.authUrl(), KEY, "scratch", true));
            assertTrue(swift.listAllObjects("scratch").isEmpty(), "the scratch container was emptied");
            String text = all.toString();
            assertTrue(text.contains("TRACE") || text.contains("DEBUG"), "the runs logged at the most verbose level:\n" + text);
            assertFalse(text.contains(KEY), "idestroy printed the Swift key:\n" + text);
            assertFalse(text.contains(WRONG_KEY), "idestroy printed the wrong key:\n" + text);
            assertFalse(text.contains(token), "idestroy printed the account's token:\n" + text);
            assertFalse(TOKEN.matcher(text).find(), "idestroy printed something shaped like a Swift token:\n" + text);
        }
    }

    /** Runs {@code idestroy/idestroy iclient/dev.conf --force} with TRACE on the console; its output. */
    private static String run(String authUrl, String key, String container, boolean shouldSucceed) throws Exception {
        String plugIn = "{\"AuthURL\":\"" + authUrl + "\",\"AuthUser\":\"test:tester\",\"AuthKey\":\"" + key
                + "\",\"Account\":\"AUTH_test\",\"Container\":\"" + container + "\"}";
        ProcessBuilder pb = new ProcessBuilder(LauncherCheck.top().resolve("idestroy/idestroy").toString(),
                "iclient/dev.conf", "--force", "ICLIENT.AuthPlugInEnvName=IAUTH_AUDIT", "ICLIENT.AuthPlugInEnvValue=",
                "ICLIENT.LogToConsole=true", "ICLIENT.TraceEnabled=true", "ICLIENT.LogFilePath=")
                .directory(LauncherCheck.top().toFile()).redirectErrorStream(true);
        pb.environment().put("IAUTH_AUDIT", plugIn);
        pb.environment().put("PROXYFS_IMGR_URL", "http://127.0.0.1:1");
        pb.environment().put("PROXYFS_IMGR_WAIT_SECONDS", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "idestroy finished");
        assertTrue(!out.isBlank(), "idestroy said something");
        if (shouldSucceed) {
            assertTrue(p.exitValue() == 0, "idestroy of " + container + " succeeded:\n" + out);
        } else {
            assertTrue(p.exitValue() != 0, "idestroy with " + container + " failed as it should:\n" + out);
        }
        return "---- idestroy " + container + " (exit " + p.exitValue() + ")\n" + out;
    }
}
