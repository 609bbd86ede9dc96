package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;

/**
 * Unique numbers for new inodes and objects, taken from ranges imgr reserves (FetchNonceRange);
 * a number is never handed out twice, even across client or imgr restarts. Thread-safe.
 */
final class Nonces {
    private final ImgrClient imgr;
    private long next;
    private long remaining;

    Nonces(ImgrClient imgr) {
        this.imgr = imgr;
    }

    /** The next number, fetching a new range from imgr when the current one is used up. */
    synchronized long next() throws IOException, ImgrRpcException {
        if (remaining == 0) {
            FetchNonceRangeResponse r = imgr.fetchNonceRange();
            if (r.numNoncesFetched() == 0) {
                throw new IOException("imgr returned an empty nonce range");
            }
            next = r.nextNonce();
            remaining = r.numNoncesFetched();
        }
        remaining--;
        return next++;
    }
}
