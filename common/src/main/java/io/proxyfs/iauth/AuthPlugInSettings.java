package io.proxyfs.iauth;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.util.Map;
import java.util.Objects;

/**
 * The auth keys of a section ({@code [ICLIENT]} for iclient and idestroy): {@code AuthPlugInPath},
 * and exactly one of {@code AuthPlugInEnvName} (the name of an environment variable holding the
 * plug-in's JSON) and {@code AuthPlugInEnvValue} (the JSON itself). {@link #toString()} never
 * shows the JSON (it holds the key). Immutable, so thread-safe.
 *
 * @param plugInPath AuthPlugInPath
 * @param envName AuthPlugInEnvName, empty when the JSON is given inline
 * @param envValue AuthPlugInEnvValue, empty when the JSON comes from the environment
 */
public record AuthPlugInSettings(String plugInPath, String envName, String envValue) {
    /** Refuses nulls. */
    public AuthPlugInSettings {
        Objects.requireNonNull(plugInPath, "plugInPath");
        Objects.requireNonNull(envName, "envName");
        Objects.requireNonNull(envValue, "envValue");
    }

    /**
     * Reads the three keys of {@code section}; the values of a key are joined with commas again
     * (the JSON may have been written with real commas).
     *
     * @throws ConfException when AuthPlugInPath is missing or empty, or not exactly one of the
     *         two others is set
     */
    public static AuthPlugInSettings read(ConfMap conf, String section) throws ConfException {
        String path = joined(conf, section, "AuthPlugInPath");
        if (path.isEmpty()) {
            throw conf.invalid(section, "AuthPlugInPath", "must name an auth plug-in, e.g. iauth-swift");
        }
        String name = joined(conf, section, "AuthPlugInEnvName");
        String value = joined(conf, section, "AuthPlugInEnvValue");
        if (name.isEmpty() == value.isEmpty()) {
            throw conf.invalid(section, name.isEmpty() ? "AuthPlugInEnvValue" : "AuthPlugInEnvName",
                    "exactly one of AuthPlugInEnvName and AuthPlugInEnvValue must be set");
        }
        return new AuthPlugInSettings(path, name, value);
    }

    private static String joined(ConfMap conf, String section, String key) {
        if (conf.isMissing(section, key)) {
            return "";
        }
        return String.join(",", conf.getStringList(section, key)).trim();
    }

    /**
     * The plug-in's JSON: {@link #envValue()}, or the environment variable {@link #envName()}.
     *
     * @throws AuthException when that variable is unset or empty
     */
    public String authJson(Map<String, String> environment) throws AuthException {
        if (!envValue.isEmpty()) {
            return envValue;
        }
        String json = environment.get(envName);
        if (json == null || json.isBlank()) {
            throw new AuthException("environment variable " + envName + " (AuthPlugInEnvName) is not set");
        }
        return json;
    }

    /** Finds the plug-in and authenticates once with the JSON from the config or environment. */
    public AuthResult authenticate() throws AuthException {
        return AuthPlugIns.find(plugInPath).performAuth(authJson(System.getenv()));
    }

    @Override
    public String toString() {
        return "AuthPlugInSettings[plugInPath=" + plugInPath + ", envName=" + envName
                + ", envValue=" + (envValue.isEmpty() ? "" : "<redacted>") + "]";
    }
}
