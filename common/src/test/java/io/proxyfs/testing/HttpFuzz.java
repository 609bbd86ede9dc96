package io.proxyfs.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random parts of fuzzed HTTP requests, shared by every daemon's HTTP fuzz test: methods
 * (valid, unknown, non-ASCII, empty), query strings that break decoders ({@code %}, {@code =},
 * {@code &&}), Accept headers, and bodies made from a valid one (cut, bytes changed), random
 * bytes, fixed hostile texts or a body over the server's limit. Each test adds the paths and
 * headers its server knows. Reproducible from its seed; {@link #cases} reads
 * {@code -Dproxyfs.fuzz.httpCases}. Not thread-safe (one per test thread).
 */
public final class HttpFuzz {
    private final Random random;
    private final java.util.TreeMap<Integer, Integer> statuses = new java.util.TreeMap<>();

    public HttpFuzz(long seed) {
        this.random = new Random(seed);
    }

    /** The number of requests to send: {@code -Dproxyfs.fuzz.httpCases}, else {@code byDefault}. */
    public static int cases(int byDefault) {
        return Integer.getInteger("proxyfs.fuzz.httpCases", byDefault);
    }

    /** Counts one answer's status (0: no HTTP answer), for {@link #tally}. */
    public void count(int status) {
        statuses.merge(status, 1, Integer::sum);
    }

    /** How many answers had each status, by status. */
    public java.util.SortedMap<Integer, Integer> tally() {
        return java.util.Collections.unmodifiableSortedMap(statuses);
    }

    /** The generator underneath, for a test's own choices. */
    public Random random() {
        return random;
    }

    /** One of the options, uniformly. */
    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** True with probability 1/n. */
    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    /** A request method: mostly real ones, sometimes unknown, non-ASCII or empty. */
    public String method() {
        return pick("GET", "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "G\u00e9T", "");
    }

    /** {@code path}, one time in five with a query string, often a malformed one. */
    public String withQuery(String path) {
        if (!oneIn(5)) {
            return path;
        }
        return path + "?" + pick("x=1", "=", "%", "a&&b", "%zz=%", "q=" + "y".repeat(3000), "&=&=&");
    }

    /** Headers a browser or a confused client adds: one time in two an Accept header. */
    public List<String> commonHeaders() {
        List<String> headers = new ArrayList<>();
        if (random.nextBoolean()) {
            headers.add("Accept: " + pick("text/html", "application/json", "*/*", "", "\u0001"));
        }
        return headers;
    }

    /**
     * A request body: empty, random bytes, {@code good} with a few characters changed or cut short,
     * one of {@code hostile}, {@code good} itself, or {@code overLimit} bytes (a body just over the
     * server's limit).
     */
    public byte[] body(String good, int overLimit, String... hostile) {
        switch (random.nextInt(7)) {
            case 0:
                return new byte[0];
            case 1: {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                return b;
            }
            case 2:
                return mutate(good).getBytes(StandardCharsets.UTF_8);
            case 3:
                return good.substring(0, random.nextInt(good.length() + 1)).getBytes(StandardCharsets.UTF_8);
            case 4:
                return hostile.length == 0 ? new byte[0] : pick(hostile).getBytes(StandardCharsets.UTF_8);
            case 5: {
                byte[] b = new byte[overLimit];
                java.util.Arrays.fill(b, (byte) 'x');
                return b;
            }
            default:
                return good.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code text} with one to four characters replaced by printable ASCII. */
    public String mutate(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char[] c = text.toCharArray();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
        }
        return new String(c);
    }
}
