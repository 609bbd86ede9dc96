package io.proxyfs.iauth;

import io.proxyfs.swift.ContainerUrl;
import io.proxyfs.swift.SwiftAuth;
import io.proxyfs.swift.SwiftAuthException;
import io.proxyfs.swift.SwiftCredentials;
import java.io.IOException;
import java.util.Objects;

/**
 * A {@link SwiftAuth} backed by an {@link AuthPlugIn}: authenticates lazily, again whenever Swift
 * rejects the token, and splits the plug-in's container URL into the account URL the
 * {@link io.proxyfs.swift.SwiftClient} wants and the {@link #container()} to pass per call.
 *
 * <p>Thread-safe: authentication runs under this object's monitor, so concurrent refreshes of
 * the same stale token authenticate once.
 */
public final class PlugInAuth implements SwiftAuth {
    private final AuthPlugIn plugIn;
    private final String authJson;
    private AuthResult result; // guarded by this
    private ContainerUrl containerUrl; // guarded by this

    /**
     * @param plugIn the plug-in
     * @param authJson its JSON settings
     */
    public PlugInAuth(AuthPlugIn plugIn, String authJson) {
        this.plugIn = Objects.requireNonNull(plugIn, "plugIn");
        this.authJson = Objects.requireNonNull(authJson, "authJson");
    }

    /** From the config's settings: finds the plug-in and the JSON (not yet authenticating). */
    public static PlugInAuth from(AuthPlugInSettings settings) throws AuthException {
        return new PlugInAuth(AuthPlugIns.find(settings.plugInPath()), settings.authJson(System.getenv()));
    }

    /** The latest auth result, authenticating first if there is none. */
    public synchronized AuthResult result() throws IOException {
        if (result == null) {
            authenticate();
        }
        return result;
    }

    /** The volume's container name. */
    public synchronized String container() throws IOException {
        result();
        return containerUrl.container();
    }

    @Override
    public synchronized SwiftCredentials current() throws IOException {
        result();
        return new SwiftCredentials(result.authToken(), containerUrl.storageUrl());
    }

    @Override
    public synchronized SwiftCredentials refresh(SwiftCredentials stale) throws IOException {
        SwiftCredentials now = current();
        if (!now.equals(stale)) {
            return now;
        }
        authenticate();
        return current();
    }

    /** Forces a new authentication (e.g. after imgr said EAuthTokenRejected); returns it. */
    public synchronized AuthResult reauthenticate() throws IOException {
        authenticate();
        return result;
    }

    private void authenticate() throws IOException {
        AuthResult r;
        try {
            r = plugIn.performAuth(authJson);
        } catch (AuthException e) {
            throw new SwiftAuthException(e.getMessage(), "AUTH", plugIn.name(), 401, e);
        }
        ContainerUrl c;
        try {
            c = ContainerUrl.parse(r.storageUrl());
        } catch (IllegalArgumentException e) {
            throw new SwiftAuthException("auth plug-in " + plugIn.name() + " returned a bad storage URL: "
                    + e.getMessage(), "AUTH", plugIn.name(), SwiftAuthException.NO_RESPONSE, e);
        }
        result = r;
        containerUrl = c;
    }
}
