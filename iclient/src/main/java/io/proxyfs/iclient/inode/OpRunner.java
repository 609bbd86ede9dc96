package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.rpc.RemountedException;
import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;

/**
 * Runs an operation's body under the file-system lock. A body that finds a lease missing throws
 * {@link NeedLeaseException} before it changes anything; the runner then drops the lock, takes
 * the lease from imgr (which may wait for other clients to give it up) and runs the body again,
 * so no lease request ever waits while the lock is held (the original's drop-all-and-retry).
 * A body that saw imgr forget the mount ({@link RemountedException}) before changing anything is
 * also run again. Likewise an inode not cached ({@link NeedInodeException}) is loaded without the
 * lock (imgr's inode table, a GET of its head) and the body run again. Thread-safe.
 */
final class OpRunner {
    /** An operation body. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException, ImgrRpcException;
    }

    private static final int MAX_ATTEMPTS = 10_000;

    private final FsContext ctx;

    OpRunner(FsContext ctx) {
        this.ctx = ctx;
    }

    <T> T run(Body<T> body) throws IOException, ImgrRpcException {
        int remounts = 0;
        for (int attempt = 0; ; attempt++) {
            NeedLeaseException need;
            NeedInodeException load = null;
            ctx.lock.lock();
            try {
                return body.run();
            } catch (NeedLeaseException e) {
                need = e;
            } catch (NeedInodeException e) {
                need = null;
                load = e;
            } catch (RemountedException e) {
                if (++remounts > 3) {
                    throw e;
                }
                continue;
            } finally {
                ctx.lock.unlock();
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IOException("gave up taking leases after " + MAX_ATTEMPTS + " attempts");
            }
            try {
                if (load != null) {
                    ctx.loader.loadAndCache(load.inode); // false: the lease went; the body asks again
                } else {
                    ctx.leases.acquire(need.inode, need.wanted);
                }
            } catch (RemountedException e) {
                if (++remounts > 3) {
                    throw e;
                }
            }
        }
    }
}
