/**
 * Authentication plug-ins: how iclient and idestroy turn the {@code AuthPlugIn*} keys of the
 * {@code [ICLIENT]} section into a Swift token and the volume's container URL.
 *
 * <p>The original loads a Go plug-in ({@code .so}) named by {@code AuthPlugInPath} and calls its
 * {@code PerformAuth(json)}. Here an {@link io.proxyfs.iauth.AuthPlugIn} is found by name through
 * {@link java.util.ServiceLoader} ({@link io.proxyfs.iauth.AuthPlugIns#find}); a path such as
 * {@code iauth-swift.so} names the built-in {@code iauth-swift} plug-in
 * ({@link io.proxyfs.iauth.SwiftV1AuthPlugIn}). {@link io.proxyfs.iauth.AuthPlugInSettings} reads
 * the three keys, {@link io.proxyfs.iauth.PlugInAuth} adapts a plug-in to the Swift client.
 *
 * <p>Errors are {@link io.proxyfs.iauth.AuthException}s (checked): a missing plug-in, bad JSON,
 * Swift refusing the credentials. Nothing here ever exits the process.
 */
package io.proxyfs.iauth;
