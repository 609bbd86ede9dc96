package io.proxyfs.iswift;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credentials and issues and validates auth tokens. A user keeps its token until
 * {@link #revokeAll()} (tempauth hands out the same token until it expires). Thread-safe.
 */
final class TokenRegistry {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SwiftAccount> byUser = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByUser = new ConcurrentHashMap<>();
    private final Map<String, SwiftAccount> accountByToken = new ConcurrentHashMap<>();

    TokenRegistry(List<SwiftAccount> accounts) {
        for (SwiftAccount a : accounts) {
            byUser.put(a.user(), a);
        }
    }

    /** The token for a user whose key matches, issuing one if needed; empty when refused. */
    synchronized Optional<Issued> authenticate(String user, String key) {
        SwiftAccount account = user == null ? null : byUser.get(user);
        if (account == null || !account.key().equals(key)) {
            return Optional.empty();
        }
        String token = tokenByUser.computeIfAbsent(user, u -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String t = "AUTH_tk" + HexFormat.of().formatHex(bytes);
            accountByToken.put(t, account);
            return t;
        });
        return Optional.of(new Issued(token, account));
    }

    /** The account a token grants, if the token is current. */
    Optional<SwiftAccount> validate(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(accountByToken.get(token));
    }

    /** Invalidates every token issued so far; the next request with one gets 401. */
    synchronized void revokeAll() {
        tokenByUser.clear();
        accountByToken.clear();
    }

    /** A token and the account it grants. */
    record Issued(String token, SwiftAccount account) {
    }
}
