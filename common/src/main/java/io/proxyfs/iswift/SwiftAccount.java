package io.proxyfs.iswift;

import java.util.Objects;

/**
 * A tempauth user the emulator accepts: {@code user} (e.g. {@code test:tester}) with
 * {@code key} gets a token for {@code account} (e.g. {@code AUTH_test}). Immutable.
 */
public record SwiftAccount(String user, String key, String account) {
    /** The account real Swift's test setup and the project's configs use. */
    public static final SwiftAccount DEFAULT = new SwiftAccount("test:tester", "testing", "AUTH_test");

    public SwiftAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(account, "account");
        if (user.isEmpty() || key.isEmpty() || account.isEmpty() || account.contains("/")) {
            throw new IllegalArgumentException("user, key and account must be non-empty; account without '/'");
        }
    }

    /**
     * Parses {@code user:key:account}. The user may itself contain colons ({@code test:tester}),
     * so the last field is the account and the one before it the key.
     */
    public static SwiftAccount parse(String spec) {
        int last = spec.lastIndexOf(':');
        int keyStart = last <= 0 ? -1 : spec.lastIndexOf(':', last - 1);
        if (keyStart <= 0) {
            throw new IllegalArgumentException("expected user:key:account, got '" + spec + "'");
        }
        return new SwiftAccount(spec.substring(0, keyStart), spec.substring(keyStart + 1, last),
                spec.substring(last + 1));
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SwiftAccount[user=" + user + ", account=" + account + "]";
    }
}
