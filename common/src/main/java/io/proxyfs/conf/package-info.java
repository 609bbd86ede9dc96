/**
 * Reads ProxyFS {@code .conf} files (INI style, with {@code .include} and command-line overrides)
 * into an immutable {@link io.proxyfs.conf.ConfMap} with typed getters, parsing exactly as the
 * original Go package {@code conf} does.
 */
package io.proxyfs.conf;
