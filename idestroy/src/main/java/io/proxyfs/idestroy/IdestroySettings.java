package io.proxyfs.idestroy;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.iauth.AuthPlugInSettings;
import io.proxyfs.swift.ClientSwiftKeys;
import io.proxyfs.swift.SwiftClientSettings;
import java.net.URI;
import java.util.Map;

/**
 * What idestroy reads from the iclient config it shares with iclient (as the original): the auth
 * plug-in keys, the Swift client keys of {@code [ICLIENT]}, and where imgr's HTTP server is
 * ({@code PROXYFS_IMGR_URL} in the environment, as {@code imgr/mkmount.sh} takes it; else port
 * 15346 on {@code RetryRPCPublicIPAddr}). Immutable.
 *
 * @param auth        the auth plug-in settings
 * @param swift       the Swift client settings
 * @param parallelism deletes in flight at once: {@code SwiftConnectionPoolSize}, at most 32
 * @param imgr        imgr's HTTP server
 * @param imgrWait    how long to wait for imgr to answer ({@code PROXYFS_IMGR_WAIT_SECONDS}, default 10):
 *                    the README starts imgr in the background just before idestroy
 */
public record IdestroySettings(AuthPlugInSettings auth, SwiftClientSettings swift, int parallelism, URI imgr,
        java.time.Duration imgrWait) {
    static final String SECTION = "ICLIENT";
    private static final int MAX_PARALLELISM = 32;
    private static final int IMGR_HTTP_PORT = 15346;

    /** Reads the settings, refusing a missing or malformed key with a {@link ConfException}. */
    public static IdestroySettings read(ConfMap conf, Map<String, String> environment) throws ConfException {
        AuthPlugInSettings auth = AuthPlugInSettings.read(conf, SECTION);
        SwiftClientSettings swift = ClientSwiftKeys.read(conf, SECTION);
        String imgrUrl = environment.get("PROXYFS_IMGR_URL");
        URI imgr;
        if (imgrUrl != null && !imgrUrl.isBlank()) {
            try {
                imgr = URI.create(imgrUrl.strip());
            } catch (IllegalArgumentException e) {
                throw conf.invalid(SECTION, "PROXYFS_IMGR_URL", "environment variable is not a URL: " + imgrUrl);
            }
        } else {
            String host = conf.getString(SECTION, "RetryRPCPublicIPAddr");
            imgr = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + IMGR_HTTP_PORT);
        }
        java.time.Duration wait = java.time.Duration.ofSeconds(10);
        String waitText = environment.get("PROXYFS_IMGR_WAIT_SECONDS");
        if (waitText != null && !waitText.isBlank()) {
            try {
                wait = java.time.Duration.ofSeconds(Long.parseLong(waitText.strip()));
            } catch (NumberFormatException e) {
                throw conf.invalid(SECTION, "PROXYFS_IMGR_WAIT_SECONDS", "environment variable is not a number of seconds: "
                        + waitText);
            }
        }
        return new IdestroySettings(auth, swift, Math.min(MAX_PARALLELISM, swift.connectionPoolSize()), imgr, wait);
    }
}
