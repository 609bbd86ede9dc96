package io.proxyfs.bench.imgr;

import io.proxyfs.imgrapi.GetInodeTableEntryRequest;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.retryrpc.MethodRegistry;
import io.proxyfs.retryrpc.RetryRpcServer;
import io.proxyfs.retryrpc.RetryRpcServerSettings;
import java.io.IOException;

/**
 * The baseline for imgr's inode-table RPCs: a retryrpc server with imgr's transport settings that
 * registers PutInodeTableEntries and GetInodeTableEntry under their real names and request and
 * reply types, and does nothing but decode the request and encode a constant reply. The
 * difference to imgr is therefore imgr's own work (mount and lease checks, the volume lock, the
 * inode table). Thread-safe.
 */
final class NoOpInodeServer implements AutoCloseable {
    private static final GetInodeTableEntryResponse ENTRY = new GetInodeTableEntryResponse(0x1234, 174);

    private final RetryRpcServer server;

    /** Starts the server on a free port of {@code like}'s address, with {@code like}'s other settings. */
    NoOpInodeServer(RetryRpcServerSettings like) throws IOException {
        RetryRpcServerSettings settings = new RetryRpcServerSettings(like.ip(), 0, like.ttlCompleted(),
                like.ackTrim(), like.deadlineIO(), like.keepAlivePeriod(), like.certFile(), like.keyFile(),
                like.workerCount(), like.maxFrameBytes());
        MethodRegistry registry = new MethodRegistry()
                .register(ImgrMethods.PUT_INODE_TABLE_ENTRIES, PutInodeTableEntriesRequest.class,
                        PutInodeTableEntriesResponse.class, (id, request) -> new PutInodeTableEntriesResponse())
                .register(ImgrMethods.GET_INODE_TABLE_ENTRY, GetInodeTableEntryRequest.class,
                        GetInodeTableEntryResponse.class, (id, request) -> ENTRY);
        server = new RetryRpcServer(settings, registry);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The port bound. */
    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
