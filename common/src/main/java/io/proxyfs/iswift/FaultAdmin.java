package io.proxyfs.iswift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Translates the {@code /_fault} admin endpoint's JSON to and from {@link FaultInjector} calls:
 * POST adds a rule (see {@link FaultRule} for the fields), DELETE clears all rules, GET lists
 * them with their counters. Thread-safe (stateless apart from the injector).
 */
final class FaultAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultInjector injector;

    FaultAdmin(FaultInjector injector) {
        this.injector = injector;
    }

    /** Adds the rule described by {@code body}; throws IllegalArgumentException when it is invalid. */
    void add(String body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("action")) {
            throw new IllegalArgumentException("expected a JSON object with an \"action\"");
        }
        FaultRule.Action action = FaultRule.Action.valueOf(n.get("action").asText().toUpperCase(Locale.ROOT));
        injector.add(new FaultRule(action, n.path("status").asInt(503),
                Duration.ofMillis(n.path("delayMillis").asLong(0)), text(n, "method"), text(n, "path"),
                n.path("count").asInt(-1), n.path("fraction").asDouble(1.0), n.path("seed").asLong(0)));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    void clear() {
        injector.clear();
    }

    String list() {
        ArrayNode array = JSON.createArrayNode();
        for (FaultInjector.Handle h : injector.rules()) {
            FaultRule r = h.rule();
            ObjectNode o = array.addObject();
            o.put("action", r.action().name().toLowerCase(Locale.ROOT));
            o.put("status", r.status());
            o.put("delayMillis", r.delay().toMillis());
            o.put("method", r.method());
            o.put("path", r.pathRegex());
            o.put("count", r.count());
            o.put("fraction", r.fraction());
            o.put("seed", r.seed());
            o.put("matched", h.matched());
            o.put("fired", h.fired());
        }
        return array.toString();
    }
}
