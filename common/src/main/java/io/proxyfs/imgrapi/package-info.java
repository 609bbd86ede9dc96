/**
 * The RPC contract between iclient and imgr, shared by both: method names ({@link
 * io.proxyfs.imgrapi.ImgrMethods}), request and response records whose JSON field names, number
 * encodings (Go {@code uint64}/{@code int64}) and enum numbers are the original's
 * ({@code imgr/imgrpkg/api.go}), the upcall payload ({@link io.proxyfs.imgrapi.RpcInterrupt}) and
 * the error prefixes ({@link io.proxyfs.imgrapi.ImgrError}). Records are immutable; a record that
 * carries an AuthToken never shows it in {@code toString()}.
 */
package io.proxyfs.imgrapi;
