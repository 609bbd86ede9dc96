package io.proxyfs.iauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code iauth-swift} plug-in (the original's {@code iauth/iauth-swift}): Swift v1
 * auth. Its JSON holds {@code AuthURL}, {@code AuthUser}, {@code AuthKey}, {@code Account} and
 * {@code Container}; it sends {@code GET AuthURL} with {@code X-Auth-User}/{@code X-Auth-Key}
 * (retrying connection errors and 5xx), takes {@code X-Auth-Token} and {@code X-Storage-Url},
 * upgrades an {@code http} storage URL to {@code https} when AuthURL is https, puts
 * {@code Account} in place of the account element and appends {@code /Container}. Stateless;
 * thread-safe.
 */
public final class SwiftV1AuthPlugIn implements AuthPlugIn {
    /** The name AuthPlugInPath selects it by. */
    public static final String NAME = "iauth-swift";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AuthResult performAuth(String authJson) throws AuthException {
        JsonNode in;
        try {
            in = JSON.readTree(authJson);
        } catch (IOException e) {
            throw new AuthException("iauth-swift: the auth JSON does not parse: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String authUrl = field(in, "AuthURL");
        String user = field(in, "AuthUser");
        String key = field(in, "AuthKey");
        String account = field(in, "Account");
        String container = field(in, "Container");
        SwiftCredentials credentials;
        try {
            credentials = new TempAuth(authUrl, user, key, SwiftClientSettings.defaults()).current();
        } catch (IOException e) {
            throw new AuthException("iauth-swift: authenticating " + user + " at " + authUrl + " failed: "
                    + e.getMessage(), e);
        }
        return new AuthResult(credentials.token(),
                containerUrl(authUrl, credentials.storageUrl(), account, container));
    }

    /**
     * The container URL built from the storage URL Swift returned, as the original does: path
     * element 4 (counting {@code http:}, the empty one and the host) becomes {@code account},
     * {@code /container} is appended, and http becomes https when the auth URL is https.
     */
    static String containerUrl(String authUrl, String storageUrl, String account, String container)
            throws AuthException {
        String url = storageUrl;
        if (authUrl.startsWith("https://") && url.startsWith("http://")) {
            url = "https://" + url.substring("http://".length());
        }
        List<String> parts = new ArrayList<>(List.of(url.split("/", -1)));
        if (parts.size() < 5) {
            throw new AuthException("iauth-swift: unexpected X-Storage-Url " + storageUrl);
        }
        parts.set(4, account);
        while (parts.size() > 5) {
            parts.remove(parts.size() - 1);
        }
        return String.join("/", parts) + "/" + container;
    }

    private static String field(JsonNode in, String name) throws AuthException {
        JsonNode v = in.get(name);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new AuthException("iauth-swift: the auth JSON lacks \"" + name + "\"");
        }
        return v.asText();
    }
}
