package io.proxyfs.imgr.check;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.iauth.AuthPlugInSettings;
import io.proxyfs.swift.ClientSwiftKeys;
import io.proxyfs.swift.SwiftClientSettings;

/**
 * What icheck reads from the iclient config (as idestroy does): the auth plug-in keys and the
 * Swift client keys of {@code [ICLIENT]}. Immutable.
 *
 * @param auth        the auth plug-in settings
 * @param swift       the Swift client settings
 * @param parallelism inodes read at once: {@code SwiftConnectionPoolSize}, at most 16
 */
public record IcheckSettings(AuthPlugInSettings auth, SwiftClientSettings swift, int parallelism) {
    static final String SECTION = "ICLIENT";
    private static final int MAX_PARALLELISM = 16;

    /** Reads the settings, refusing a missing or malformed key with a {@link ConfException}. */
    public static IcheckSettings read(ConfMap conf) throws ConfException {
        AuthPlugInSettings auth = AuthPlugInSettings.read(conf, SECTION);
        SwiftClientSettings swift = ClientSwiftKeys.read(conf, SECTION);
        return new IcheckSettings(auth, swift, Math.max(1, Math.min(MAX_PARALLELISM, swift.connectionPoolSize())));
    }
}
