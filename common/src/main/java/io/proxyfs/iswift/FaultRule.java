package io.proxyfs.iswift;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fault to inject into the emulator's request handling, for tests of retry paths.
 *
 * <p>A rule matches a request when {@code method} (null: any) equals its method and
 * {@code pathRegex} (null: any) matches its whole decoded path. A matching request fires the
 * rule while fewer than {@code count} requests have fired it ({@code count < 0}: no limit) and,
 * when {@code fraction < 1}, a random draw from a generator seeded with {@code seed} falls below
 * {@code fraction}; the same seed gives the same sequence of draws. Immutable.
 *
 * <p>The same rule as JSON, for {@code POST /_fault}:
 * <pre>{"action":"fail","status":503,"method":"PUT","path":"/v1/AUTH_test/c/.*","count":3,
 *  "fraction":1.0,"seed":1,"delayMillis":0}</pre>
 *
 * @param action    what a fired rule does
 * @param status    the HTTP status a {@link Action#FAIL} answers with
 * @param delay     how long a {@link Action#DELAY} waits before handling the request normally
 * @param method    HTTP method to match, or null
 * @param pathRegex regular expression for the decoded path, or null
 * @param count     how many requests fire the rule, negative for no limit
 * @param fraction  probability that a matching request fires the rule, in (0, 1]
 * @param seed      seed of the draws when {@code fraction < 1}
 */
public record FaultRule(Action action, int status, Duration delay, String method, String pathRegex, int count,
        double fraction, long seed) {

    /** What a fired rule does to the request. */
    public enum Action {
        /** Answer with {@code status} and no body. */
        FAIL,
        /** Close the connection without any response. */
        DROP,
        /** Sleep {@code delay}, then handle the request normally. */
        DELAY
    }

    public FaultRule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(delay, "delay");
        if (action == Action.FAIL && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        method = method == null ? null : method.toUpperCase(Locale.ROOT);
        if (pathRegex != null) {
            Pattern.compile(pathRegex);
        }
    }

    /** Every request fails with {@code status}, {@code count} times (negative: always). */
    public static FaultRule fail(int status, int count) {
        return new FaultRule(Action.FAIL, status, Duration.ZERO, null, null, count, 1.0, 0);
    }

    /** Every request loses its connection, {@code count} times (negative: always). */
    public static FaultRule drop(int count) {
        return new FaultRule(Action.DROP, 0, Duration.ZERO, null, null, count, 1.0, 0);
    }

    /** Every request is delayed by {@code delay}, {@code count} times (negative: always). */
    public static FaultRule delay(Duration delay, int count) {
        return new FaultRule(Action.DELAY, 0, delay, null, null, count, 1.0, 0);
    }

    /** This rule restricted to requests with {@code method} whose path matches {@code pathRegex}. */
    public FaultRule matching(String method, String pathRegex) {
        return new FaultRule(action, status, delay, method, pathRegex, count, fraction, seed);
    }

    /** This rule firing for a seeded random {@code fraction} of matching requests. */
    public FaultRule sometimes(double fraction, long seed) {
        return new FaultRule(action, status, delay, method, pathRegex, count, fraction, seed);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equals(requestMethod))
                && (pathRegex == null || Pattern.compile(pathRegex).matcher(path).matches());
    }
}
