package io.proxyfs.iauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The auth plug-in SPI and the built-in iauth-swift plug-in against the Swift emulator. */
@Timeout(60)
class AuthPlugInsTest {
    private static SwiftEmulator emulator;

    @BeforeAll
    static void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String json(String key) {
        return "{\"AuthURL\":\"" + emulator.authUrl() + "\",\"AuthUser\":\"test:tester\",\"AuthKey\":\"" + key
                + "\",\"Account\":\"AUTH_test\",\"Container\":\"con\"}";
    }

    @Test
    void findsTheBuiltInPlugInByNameOrGoPath() throws Exception {
        assertEquals("iauth-swift", AuthPlugIns.find("iauth-swift").name());
        assertEquals("iauth-swift", AuthPlugIns.find("../iauth/iauth-swift/iauth-swift.so").name());
        AuthException e = assertThrows(AuthException.class, () -> AuthPlugIns.find("nosuch.so"));
        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("iauth-swift"), e.getMessage());
    }

    @Test
    void swiftPlugInReturnsTokenAndContainerUrl() throws Exception {
        AuthResult r = AuthPlugIns.find("iauth-swift").performAuth(json("testing"));
        assertEquals(emulator.baseUrl() + "/v1/AUTH_test/con", r.storageUrl());
        assertFalse(r.toString().contains(r.authToken()));
        assertThrows(AuthException.class, () -> AuthPlugIns.find("iauth-swift").performAuth(json("wrong")));
        assertThrows(AuthException.class, () -> AuthPlugIns.find("iauth-swift").performAuth("{\"AuthURL\":1}"));
        assertThrows(AuthException.class, () -> AuthPlugIns.find("iauth-swift").performAuth("not json"));
    }

    @Test
    void containerUrlFollowsTheOriginal() throws Exception {
        assertEquals("https://h:8080/v1/AUTH_x/c", SwiftV1AuthPlugIn.containerUrl("https://h:8080/auth/v1.0",
                "http://h:8080/v1/AUTH_test", "AUTH_x", "c"));
        assertEquals("http://h/v1/AUTH_a/con", SwiftV1AuthPlugIn.containerUrl("http://h/auth/v1.0",
                "http://h/v1/AUTH_test/", "AUTH_a", "con"));
    }

    @Test
    void settingsNeedExactlyOneSource() throws Exception {
        ConfMap inline = ConfMap.parse("[ICLIENT]\nAuthPlugInPath: iauth-swift.so\nAuthPlugInEnvName:\n"
                + "AuthPlugInEnvValue: " + json("testing").replace(",", "\\u002C") + "\n", "t.conf");
        AuthPlugInSettings s = AuthPlugInSettings.read(inline, "ICLIENT");
        assertEquals(json("testing"), s.authJson(Map.of()));
        assertFalse(s.toString().contains("testing"));
        ConfMap env = ConfMap.parse("[ICLIENT]\nAuthPlugInPath: iauth-swift\nAuthPlugInEnvName: AUTHJSON\n", "t.conf");
        AuthPlugInSettings fromEnv = AuthPlugInSettings.read(env, "ICLIENT");
        assertEquals("{}", fromEnv.authJson(Map.of("AUTHJSON", "{}")));
        assertThrows(AuthException.class, () -> fromEnv.authJson(Map.of()));
        assertThrows(ConfException.class, () -> AuthPlugInSettings.read(ConfMap.parse(
                "[ICLIENT]\nAuthPlugInPath: iauth-swift\n", "t.conf"), "ICLIENT"));
        assertThrows(ConfException.class, () -> AuthPlugInSettings.read(ConfMap.parse(
                "[ICLIENT]\nAuthPlugInPath: iauth-swift\nAuthPlugInEnvName: A\nAuthPlugInEnvValue: {}\n", "t.conf"),
                "ICLIENT"));
    }

    @Test
    void plugInAuthDrivesTheSwiftClientAndRenewsOn401() throws Exception {
        PlugInAuth auth = new PlugInAuth(AuthPlugIns.find("iauth-swift"), json("testing"));
        assertEquals("con", auth.container());
        SwiftCredentials first = auth.current();
        assertEquals(emulator.baseUrl() + "/v1/AUTH_test", first.storageUrl());
        try (SwiftClient swift = new SwiftClient(auth, SwiftClientSettings.defaults())) {
            swift.createContainer("con");
            swift.putObject("con", "o", new byte[] {1, 2, 3});
            emulator.revokeTokens();
            assertEquals(3, swift.getObject("con", "o").length);
        }
        assertNotEquals(first.token(), auth.current().token());
    }
}
