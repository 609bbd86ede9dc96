package io.proxyfs.imgr.rpc;

import io.proxyfs.imgrapi.ImgrError;

/** An RPC refused with one of imgr's error prefixes; becomes the reply's error string. Immutable. */
final class RpcRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    final transient ImgrError error;

    RpcRefusal(ImgrError error, String detail) {
        super(error.format(detail));
        this.error = error;
    }
}
