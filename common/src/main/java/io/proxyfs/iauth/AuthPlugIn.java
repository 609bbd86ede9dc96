package io.proxyfs.iauth;

/**
 * A way to authenticate to the object store, found by {@link #name()} through
 * {@link java.util.ServiceLoader} (list implementations in
 * {@code META-INF/services/io.proxyfs.iauth.AuthPlugIn}). The Java form of the original's Go
 * plug-in interface {@code PerformAuth(authInJSON string) (authToken, storageURL string, err error)}.
 *
 * <p>Implementations must be thread-safe and keep no state between calls: iclient calls
 * {@link #performAuth} again whenever Swift rejects its token.
 */
public interface AuthPlugIn {
    /** The name {@code AuthPlugInPath} selects this plug-in by, e.g. {@code iauth-swift}. */
    String name();

    /**
     * Authenticates.
     *
     * @param authJson the plug-in's JSON settings ({@code AuthPlugInEnvValue}, or the value of the
     *        environment variable named by {@code AuthPlugInEnvName})
     * @return the token and the container URL of the volume
     * @throws AuthException when the settings are wrong or the store refuses them
     */
    AuthResult performAuth(String authJson) throws AuthException;
}
