/**
 * The FUSE boundary: {@link io.proxyfs.iclient.fuse.ProxyFsFuse} (jnr-fuse callbacks, one line
 * each), {@link io.proxyfs.iclient.fuse.FuseCall} (trace, count, catch everything) and
 * {@link io.proxyfs.iclient.fuse.ErrnoMapper} (the only place exceptions become errno values).
 */
package io.proxyfs.iclient.fuse;
