package io.proxyfs.httpstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEndpointTest {
    @Test
    void configIsServedWithSecretsRedacted() throws Exception {
        ConfMap conf = ConfMap.parse("[ICLIENT]\nVolumeName: testvol\n"
                + "AuthPlugInEnvValue: {\"AuthKey\":\"sekrit\"}\nRetryRPCCACertFilePath: /etc/ca.pem\n"
                + "[X]\nAuthToken: AUTH_tk123\nEmpty:\n", "t.conf");
        HttpResponse r = new ConfigEndpoint(conf).handle(
                new HttpRequest("GET", "/config", "", Map.of(), Map.of(), new byte[0]));
        String json = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals("application/json", r.contentType());
        assertTrue(json.contains("testvol"), json);
        assertTrue(json.contains("/etc/ca.pem"), json);
        assertFalse(json.contains("sekrit"), json);
        assertFalse(json.contains("AUTH_tk123"), json);
        assertTrue(json.contains(ConfigEndpoint.REDACTED), json);
    }

    @Test
    void secretKeyNames() {
        assertTrue(ConfigEndpoint.isSecret("AuthToken"));
        assertTrue(ConfigEndpoint.isSecret("AuthKey"));
        assertTrue(ConfigEndpoint.isSecret("AuthPlugInEnvValue"));
        assertFalse(ConfigEndpoint.isSecret("AuthPlugInEnvName"));
        assertFalse(ConfigEndpoint.isSecret("RetryRPCKeyFilePath"));
        assertFalse(ConfigEndpoint.isSecret("AuthTokenCheckInterval"));
    }
}
