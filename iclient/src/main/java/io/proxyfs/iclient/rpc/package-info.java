/**
 * iclient's side of imgr's RPC API over retryrpc: {@link io.proxyfs.iclient.rpc.ImgrClient}
 * (Mount, RenewMount on EAuthTokenRejected, Mount again on EUnknownMountID, upcalls decoded into
 * interrupts). Thread-safe.
 */
package io.proxyfs.iclient.rpc;
