package io.proxyfs.iclient.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.iauth.PlugInAuth;
import io.proxyfs.imgrapi.AdjustInodeTableEntryOpenCountRequest;
import io.proxyfs.imgrapi.AdjustInodeTableEntryOpenCountResponse;
import io.proxyfs.imgrapi.DeleteInodeTableEntryRequest;
import io.proxyfs.imgrapi.DeleteInodeTableEntryResponse;
import io.proxyfs.imgrapi.FetchNonceRangeRequest;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.FlushRequest;
import io.proxyfs.imgrapi.FlushResponse;
import io.proxyfs.imgrapi.GetInodeTableEntryRequest;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrError;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.imgrapi.RenewMountRequest;
import io.proxyfs.imgrapi.RenewMountResponse;
import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.imgrapi.UnmountRequest;
import io.proxyfs.imgrapi.UnmountResponse;
import io.proxyfs.imgrapi.VolumeStatusRequest;
import io.proxyfs.imgrapi.VolumeStatusResponse;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.retryrpc.RetryRpcException;
import io.proxyfs.retryrpc.RpcErrorException;
import io.proxyfs.retryrpc.SessionLostException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * iclient's side of imgr's RPC API (the original's {@code rpc.go}) over one {@link RetryRpcClient}.
 *
 * <p>Every call but Mount carries the current MountID. An {@code EAuthTokenRejected} answer makes
 * the client authenticate again through the auth plug-in, send RenewMount and retry once (the
 * original's {@code performMountRenewableRPC}). An {@code EUnknownMountID} answer (imgr restarted,
 * or it unmounted this client) makes the client Mount again and tell its {@link Listener}, then
 * the call fails with {@link RemountedException}: every lease was lost, so the caller must take its
 * leases again before retrying. Other imgr errors are {@link ImgrRpcException}s; transport
 * failures (after retryrpc's own retries within the call deadline) are {@link IOException}s.
 * Upcalls are decoded into {@link RpcInterrupt}s and handed to the listener.
 *
 * <p>Thread-safe: calls may be made from any number of threads; remounting is serialised.
 */
public final class ImgrClient implements AutoCloseable {
    /** Told about interrupts and remounts; called on retryrpc's upcall thread or a caller's thread. */
    public interface Listener {
        /** imgr sent an interrupt (Unmount, Demote or Release). Must not block for long. */
        void onInterrupt(RpcInterrupt interrupt);

        /** The mount was re-established under a new MountID: every lease held before is gone. */
        void onRemount();
    }

    private static final Logger LOG = LoggerFactory.getLogger(ImgrClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String volumeName;
    private final PlugInAuth auth;
    private final RetryRpcClient rpc;
    private volatile Listener listener;
    private volatile String mountId;
    private final Object mountLock = new Object();
    private final AtomicLong remounts = new AtomicLong();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    /**
     * Connects (in the background) and mounts {@code volumeName}.
     *
     * @throws IOException when imgr cannot be reached within the call deadline or auth fails
     * @throws ImgrRpcException when imgr refuses the mount (unknown volume, too many mounts...)
     */
    public ImgrClient(RetryRpcClientSettings settings, String volumeName, PlugInAuth auth)
            throws IOException, ImgrRpcException {
        this.volumeName = Objects.requireNonNull(volumeName, "volumeName");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.rpc = new RetryRpcClient(settings, this::upcall, (oldId, newId) ->
                LOG.info("imgr forgot retryrpc client {} (restart?); now client {}", oldId, newId));
        try {
            mount();
        } catch (IOException | ImgrRpcException | RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    /** Where interrupts and remounts are reported (set once, before any lease is taken). */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** The current MountID. */
    public String mountId() {
        return mountId;
    }

    /** How many times the client mounted again after EUnknownMountID. */
    public long remounts() {
        return remounts.get();
    }

    /** How many times the client renewed its mount after EAuthTokenRejected. */
    public long renewals() {
        return renewals.get();
    }

    /** RPCs made. */
    public long calls() {
        return calls.get();
    }

    /** retryrpc's counters. */
    public java.util.Map<String, Long> transportStats() {
        return rpc.stats();
    }

    private void mount() throws IOException, ImgrRpcException {
        String token = auth.result().authToken();
        MountResponse r;
        try {
            r = raw(ImgrMethods.MOUNT, new MountRequest(volumeName, token), MountResponse.class);
        } catch (ImgrRpcException e) {
            if (!e.is(ImgrError.AUTH_TOKEN_REJECTED)) {
                throw e;
            }
            token = auth.reauthenticate().authToken();
            r = raw(ImgrMethods.MOUNT, new MountRequest(volumeName, token), MountResponse.class);
        }
        mountId = r.mountID();
        LOG.info("mounted volume {} (MountID {})", volumeName, mountId);
    }

    /** Mount again unless another thread already did since {@code staleId} failed. */
    private void remount(String staleId) throws IOException, ImgrRpcException {
        synchronized (mountLock) {
            if (!Objects.equals(staleId, mountId)) {
                return;
            }
            LOG.warn("imgr no longer knows MountID {}: mounting volume {} again", staleId, volumeName);
            mount();
            remounts.incrementAndGet();
        }
        Listener l = listener;
        if (l != null) {
            l.onRemount();
        }
    }

    private void renew(String staleId) throws IOException, ImgrRpcException {
        synchronized (mountLock) {
            if (!Objects.equals(staleId, mountId)) {
                return;
            }
            String token = auth.reauthenticate().authToken();
            raw(ImgrMethods.RENEW_MOUNT, new RenewMountRequest(staleId, token), RenewMountResponse.class);
            renewals.incrementAndGet();
        }
    }

    /** A call with the MountID, renewing or remounting as the class documentation says. */
    private <R> R call(String method, java.util.function.Function<String, Object> request, Class<R> reply)
            throws IOException, ImgrRpcException {
        boolean renewed = false;
        while (true) {
            String id = mountId;
            try {
                return raw(method, request.apply(id), reply);
            } catch (ImgrRpcException e) {
                if (e.is(ImgrError.AUTH_TOKEN_REJECTED) && !renewed) {
                    renewed = true;
                    try {
                        renew(id);
                    } catch (ImgrRpcException r) {
                        if (!r.is(ImgrError.UNKNOWN_MOUNT_ID)) {
                            throw r;
                        }
                        remount(id);
                        throw new RemountedException(method);
                    }
                    continue;
                }
                if (e.is(ImgrError.UNKNOWN_MOUNT_ID)) {
                    remount(id);
                    throw new RemountedException(method);
                }
                throw e;
            }
        }
    }

    private <R> R raw(String method, Object request, Class<R> reply) throws IOException, ImgrRpcException {
        for (int attempt = 1; ; attempt++) {
            calls.incrementAndGet();
            try {
                return rpc.call(method, request, reply);
            } catch (RpcErrorException e) {
                throw ImgrRpcException.fromWire(e.errstr());
            } catch (SessionLostException e) {
                // imgr restarted and never executed this call: sending it again is safe.
                if (attempt >= 3) {
                    throw new IOException("imgr restarted during " + method + " (retryrpc session lost)", e);
                }
            } catch (RetryRpcException e) {
                throw new IOException(method + " to imgr failed: " + e.getMessage(), e);
            }
        }
    }

    private void upcall(byte[] payload) {
        RpcInterrupt interrupt;
        try {
            interrupt = JSON.readValue(payload, RpcInterrupt.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring an undecodable upcall from imgr: {}", e.getMessage());
            return;
        }
        Listener l = listener;
        if (l != null) {
            l.onInterrupt(interrupt);
        }
    }

    /** Unmount (logs and swallows failures, as the original) and closes the connection. */
    @Override
    public void close() {
        try {
            raw(ImgrMethods.UNMOUNT, new UnmountRequest(mountId), UnmountResponse.class);
        } catch (IOException | ImgrRpcException | RuntimeException e) {
            LOG.warn("Unmount of volume {} failed: {}", volumeName, e.getMessage());
        }
        rpc.close();
    }

    // ---------------------------------------------------------------- the RPCs

    /** The volume's inode count and space figures. */
    public VolumeStatusResponse volumeStatus() throws IOException, ImgrRpcException {
        return call(ImgrMethods.VOLUME_STATUS, VolumeStatusRequest::new, VolumeStatusResponse.class);
    }

    /** Reserves a range of nonces (inode and object numbers). */
    public FetchNonceRangeResponse fetchNonceRange() throws IOException, ImgrRpcException {
        return call(ImgrMethods.FETCH_NONCE_RANGE, FetchNonceRangeRequest::new, FetchNonceRangeResponse.class);
    }

    /** Where an inode's head is (needs a lease). */
    public GetInodeTableEntryResponse getInodeTableEntry(long inode) throws IOException, ImgrRpcException {
        return call(ImgrMethods.GET_INODE_TABLE_ENTRY, id -> new GetInodeTableEntryRequest(id, inode),
                GetInodeTableEntryResponse.class);
    }

    /** Points inodes at their new heads (needs Exclusive leases), with the accounting. */
    public void putInodeTableEntries(List<PutInodeTableEntry> entries, long objectCountAdjustment,
            long bytesWrittenAdjustment, long bytesReferencedAdjustment, List<Long> dereferenced)
            throws IOException, ImgrRpcException {
        call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, id -> new PutInodeTableEntriesRequest(id, entries,
                objectCountAdjustment, bytesWrittenAdjustment, bytesReferencedAdjustment, dereferenced),
                PutInodeTableEntriesResponse.class);
    }

    /** Removes an inode (deferred by imgr to its last close). */
    public void deleteInodeTableEntry(long inode) throws IOException, ImgrRpcException {
        call(ImgrMethods.DELETE_INODE_TABLE_ENTRY, id -> new DeleteInodeTableEntryRequest(id, inode),
                DeleteInodeTableEntryResponse.class);
    }

    /**
     * As {@link #deleteInodeTableEntry}, but neither renews nor remounts: when imgr no longer
     * takes the MountID or its token, the ImgrRpcException saying so is thrown as is. For calls
     * made on behalf of a thread that holds a lock the remount's listener takes (the file system's):
     * that thread then calls {@link #deleteInodeTableEntry} itself, so that the remount runs on it.
     */
    public void deleteInodeTableEntryWithoutRemount(long inode) throws IOException, ImgrRpcException {
        raw(ImgrMethods.DELETE_INODE_TABLE_ENTRY, new DeleteInodeTableEntryRequest(mountId, inode),
                DeleteInodeTableEntryResponse.class);
    }

    /** Adds {@code adjustment} (+1 open, -1 close) to the inode's open count in imgr. */
    public void adjustOpenCount(long inode, long adjustment) throws IOException, ImgrRpcException {
        call(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT,
                id -> new AdjustInodeTableEntryOpenCountRequest(id, inode, adjustment),
                AdjustInodeTableEntryOpenCountResponse.class);
    }

    /** A synchronous checkpoint of the volume. */
    public void flush() throws IOException, ImgrRpcException {
        call(ImgrMethods.FLUSH, FlushRequest::new, FlushResponse.class);
    }

    /** A lease request; blocks until imgr answers. */
    public LeaseResponseType lease(long inode, LeaseRequestType type) throws IOException, ImgrRpcException {
        return call(ImgrMethods.LEASE, id -> new LeaseRequest(id, inode, type), LeaseResponse.class)
                .leaseResponseType();
    }
}
