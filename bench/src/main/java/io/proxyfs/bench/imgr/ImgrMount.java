package io.proxyfs.bench.imgr;

import io.proxyfs.imgrapi.FetchNonceRangeRequest;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.UnmountRequest;
import io.proxyfs.imgrapi.UnmountResponse;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection to an RPC server for the benchmark, and the MountID its calls carry: a
 * real mount of an imgr volume ({@link #mount}), or a connection to the no-op server
 * ({@link #noOp}), whose calls carry a dummy MountID. Interrupts from imgr are counted, not acted
 * on: the benchmark's leases never conflict, so any interrupt is a failure. Thread-safe (the
 * retryrpc client is).
 */
public final class ImgrMount implements AutoCloseable {
    private final RetryRpcClient client;
    private final String mountId;
    private final boolean real;
    private final AtomicLong interrupts;

    private ImgrMount(RetryRpcClient client, String mountId, boolean real,
            AtomicLong interrupts) {
        this.client = client;
        this.mountId = mountId;
        this.real = real;
        this.interrupts = interrupts;
    }

    /** Connects to imgr on {@code port} and mounts {@code volume}. */
    public static ImgrMount mount(int port, String volume, String token) throws Exception {
        AtomicLong interrupts = new AtomicLong();
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", port),
                payload -> interrupts.incrementAndGet(), (oldId, newId) -> { });
        try {
            String id = client.call(ImgrMethods.MOUNT, new MountRequest(volume, token), MountResponse.class).mountID();
            return new ImgrMount(client, id, true, interrupts);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Connects to the no-op server on {@code port}. */
    static ImgrMount noOp(int port) throws IOException {
        RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", port), null, null);
        return new ImgrMount(client, "no-op", false, new AtomicLong());
    }

    /** The connection. */
    public RetryRpcClient client() {
        return client;
    }

    /** The MountID to put in requests. */
    public String mountId() {
        return mountId;
    }

    /** Interrupts received so far. */
    long interrupts() {
        return interrupts.get();
    }

    /**
     * {@code count} fresh inode numbers from FetchNonceRange, each with an Exclusive lease held by
     * this mount.
     */
    long[] exclusiveInodes(int count) throws Exception {
        long[] inodes = new long[count];
        int have = 0;
        while (have < count) {
            FetchNonceRangeResponse range = client.call(ImgrMethods.FETCH_NONCE_RANGE,
                    new FetchNonceRangeRequest(mountId), FetchNonceRangeResponse.class);
            for (long i = 0; i < range.numNoncesFetched() && have < count; i++) {
                inodes[have++] = range.nextNonce() + i;
            }
        }
        for (long inode : inodes) {
            LeaseResponseType granted = client.call(ImgrMethods.LEASE, new LeaseRequest(mountId, inode,
                    LeaseRequestType.EXCLUSIVE), LeaseResponse.class).leaseResponseType();
            if (granted != LeaseResponseType.EXCLUSIVE) {
                throw new IOException("inode " + Long.toHexString(inode) + ": asked for Exclusive, got " + granted);
            }
        }
        return inodes;
    }

    @Override
    public void close() throws Exception {
        try {
            if (real) {
                client.call(ImgrMethods.UNMOUNT, new UnmountRequest(mountId), UnmountResponse.class);
            }
        } finally {
            client.close();
        }
    }
}
