package io.proxyfs.conf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects options while files and overrides are read: a later value of the same option replaces
 * the earlier one in place; sections and options otherwise keep the order they first appeared in.
 *
 * <p>Not thread-safe: used by one reader at a time, then frozen.
 */
final class ConfBuilder {
    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    /** A builder holding a copy of {@code frozen} (the form {@link #freeze()} returns). */
    static ConfBuilder copyOf(Map<String, Map<String, List<String>>> frozen) {
        ConfBuilder builder = new ConfBuilder();
        frozen.forEach((section, options) -> builder.sections.put(section, new LinkedHashMap<>(options)));
        return builder;
    }

    void put(String section, String key, List<String> values) {
        sections.computeIfAbsent(section, name -> new LinkedHashMap<>()).put(key, List.copyOf(values));
    }

    /** An unmodifiable, insertion-ordered copy: section, then option, then its values. */
    Map<String, Map<String, List<String>>> freeze() {
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        sections.forEach((section, options) ->
                copy.put(section, Collections.unmodifiableMap(new LinkedHashMap<>(options))));
        return Collections.unmodifiableMap(copy);
    }
}
