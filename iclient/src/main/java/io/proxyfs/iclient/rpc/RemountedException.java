package io.proxyfs.iclient.rpc;

import java.io.IOException;

/**
 * imgr no longer knew this client's MountID (it restarted, or it unmounted the client); the
 * client has mounted again under a new MountID, but every lease it held is gone. The operation
 * that saw this must take its leases again and start over.
 */
public final class RemountedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RemountedException(String method) {
        super(method + ": imgr forgot the mount; mounted again, leases lost");
    }
}
