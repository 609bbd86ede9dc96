package io.proxyfs.httpstatus;

import io.proxyfs.conf.ConfMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /config}: the daemon's parsed config as JSON (section -> key -> list of values, as
 * the original's ConfMap), with secrets replaced by {@code "<redacted>"}: any key whose name
 * ends in Token, AuthKey, Password or Secret, and {@code AuthPlugInEnvValue} (it holds the Swift
 * key). Immutable; thread-safe.
 */
public final class ConfigEndpoint implements Endpoint {
    static final String REDACTED = "<redacted>";

    private final Map<String, Map<String, List<String>>> redacted;

    public ConfigEndpoint(ConfMap conf) {
        this.redacted = redact(conf.asMap());
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return HttpResponse.json(redacted);
    }

    /** Whether a key's values are secrets. */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("token") || k.endsWith("authkey") || k.endsWith("password") || k.endsWith("secret")
                || k.equals("authpluginenvvalue");
    }

    private static Map<String, Map<String, List<String>>> redact(Map<String, Map<String, List<String>>> map) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        map.forEach((section, options) -> {
            Map<String, List<String>> o = new LinkedHashMap<>();
            options.forEach((key, values) -> o.put(key,
                    isSecret(key) && !values.isEmpty() ? List.of(REDACTED) : List.copyOf(values)));
            out.put(section, Collections.unmodifiableMap(o));
        });
        return Collections.unmodifiableMap(out);
    }
}
