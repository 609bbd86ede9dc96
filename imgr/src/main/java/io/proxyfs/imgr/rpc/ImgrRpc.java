package io.proxyfs.imgr.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.imgr.lease.LeaseClock;
import io.proxyfs.imgr.lease.LeaseHolder;
import io.proxyfs.imgr.lease.LeaseManager;
import io.proxyfs.imgr.lease.LeaseSettings;
import io.proxyfs.imgr.volume.NonceRange;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeManager.OpenVolume;
import io.proxyfs.imgr.volume.VolumeStatus;
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
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.imgrapi.RenewMountRequest;
import io.proxyfs.imgrapi.RenewMountResponse;
import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.imgrapi.RpcInterruptType;
import io.proxyfs.imgrapi.UnmountRequest;
import io.proxyfs.imgrapi.UnmountResponse;
import io.proxyfs.imgrapi.VolumeStatusRequest;
import io.proxyfs.imgrapi.VolumeStatusResponse;
import io.proxyfs.retryrpc.MethodRegistry;
import io.proxyfs.retryrpc.RpcErrorException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * imgr's RPC service: every method of the original's {@code RetryRPCServerStruct} with its
 * request and reply records and error prefixes, on top of the {@link VolumeManager}. Every call
 * but Mount first checks the MountID ({@code EUnknownMountID}) and, every
 * {@code AuthTokenCheckInterval}, the mount's AuthToken ({@code EAuthTokenRejected}; RenewMount
 * and Unmount skip that check). Thread-safe.
 */
public final class ImgrRpc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImgrRpc.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The keys the RPC side uses.
     *
     * @param mountLimit {@code MountLimit}
     * @param openFileLimit {@code OpenFileLimit}
     * @param authTokenCheckInterval {@code AuthTokenCheckInterval}
     * @param fetchNonceRangeToReturn {@code FetchNonceRangeToReturn}
     * @param leases the lease manager's keys
     */
    public record Settings(long mountLimit, long openFileLimit, Duration authTokenCheckInterval,
            long fetchNonceRangeToReturn, LeaseSettings leases) {
    }

    private final Settings settings;
    private final VolumeManager volumes;
    private final TokenChecker tokens;
    private final Upcalls upcalls;
    private final LeaseClock leaseClock;
    private final LongSupplier nanoTime;
    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    private final Map<String, VolumeSession> sessions = new ConcurrentHashMap<>();

    public ImgrRpc(Settings settings, VolumeManager volumes, TokenChecker tokens, Upcalls upcalls,
            LeaseClock leaseClock, LongSupplier nanoTime) {
        this.settings = settings;
        this.volumes = volumes;
        this.tokens = tokens;
        this.upcalls = upcalls;
        this.leaseClock = leaseClock;
        this.nanoTime = nanoTime;
        volumes.onUnserve(this::volumeUnserved);
    }

    /** Registers every method on {@code registry}. */
    public MethodRegistry register(MethodRegistry registry) {
        registry.register(ImgrMethods.MOUNT, MountRequest.class, MountResponse.class, (id, r) -> call(() -> mount(id, r)));
        registry.register(ImgrMethods.RENEW_MOUNT, RenewMountRequest.class, RenewMountResponse.class,
                (id, r) -> call(() -> renewMount(r)));
        registry.register(ImgrMethods.UNMOUNT, UnmountRequest.class, UnmountResponse.class,
                (id, r) -> call(() -> unmount(r)));
        registry.register(ImgrMethods.VOLUME_STATUS, VolumeStatusRequest.class, VolumeStatusResponse.class,
                (id, r) -> call(() -> volumeStatus(r)));
        registry.register(ImgrMethods.FETCH_NONCE_RANGE, FetchNonceRangeRequest.class, FetchNonceRangeResponse.class,
                (id, r) -> call(() -> fetchNonceRange(r)));
        registry.register(ImgrMethods.GET_INODE_TABLE_ENTRY, GetInodeTableEntryRequest.class,
                GetInodeTableEntryResponse.class, (id, r) -> call(() -> getInodeTableEntry(r)));
        registry.register(ImgrMethods.PUT_INODE_TABLE_ENTRIES, PutInodeTableEntriesRequest.class,
                PutInodeTableEntriesResponse.class, (id, r) -> call(() -> putInodeTableEntries(r)));
        registry.register(ImgrMethods.DELETE_INODE_TABLE_ENTRY, DeleteInodeTableEntryRequest.class,
                DeleteInodeTableEntryResponse.class, (id, r) -> call(() -> deleteInodeTableEntry(r)));
        registry.register(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT, AdjustInodeTableEntryOpenCountRequest.class,
                AdjustInodeTableEntryOpenCountResponse.class, (id, r) -> call(() -> adjustOpenCount(r)));
        registry.registerAsync(ImgrMethods.FLUSH, FlushRequest.class, FlushResponse.class, (id, r) -> flush(r));
        registry.registerAsync(ImgrMethods.LEASE, com.fasterxml.jackson.databind.JsonNode.class, LeaseResponse.class,
                (id, params) -> lease(params));
        return registry;
    }

    /** The mounts of a volume, for status pages, in MountID order. */
    public List<MountSummary> mountSummaries(String volumeName) {
        VolumeSession session = sessions.get(volumeName);
        if (session == null) {
            return List.of();
        }
        Map<String, int[]> leaseCounts = new java.util.HashMap<>();
        for (io.proxyfs.imgr.lease.InodeLeaseSnapshot inode : session.leases.snapshot().inodes()) {
            for (io.proxyfs.imgr.lease.HolderSnapshot h : inode.holders()) {
                leaseCounts.computeIfAbsent(h.holder().mountId(), k -> new int[2])[0]++;
            }
            for (io.proxyfs.imgr.lease.HolderSnapshot h : inode.waiters()) {
                leaseCounts.computeIfAbsent(h.holder().mountId(), k -> new int[2])[1]++;
            }
        }
        return session.mounts().stream()
                .filter(m -> m.state != Mount.State.GONE)
                .sorted(java.util.Comparator.comparing(m -> m.mountId))
                .map(m -> {
                    int[] counts = leaseCounts.getOrDefault(m.mountId, new int[2]);
                    int opens;
                    synchronized (session) {
                        opens = m.opens.size();
                    }
                    return new MountSummary(m.mountId.substring(0, Math.min(8, m.mountId.length())),
                            m.holder.retryRpcClientId(),
                            m.state == Mount.State.HEALTHY ? "Healthy" : "AuthTokenExpired", opens, counts[0],
                            counts[1]);
                })
                .toList();
    }

    /** The lease manager's picture of a volume's leases, if the volume has mounts. */
    public Optional<io.proxyfs.imgr.lease.LeaseSnapshot> leases(String volumeName) {
        VolumeSession session = sessions.get(volumeName);
        return session == null ? Optional.empty() : Optional.of(session.leases.snapshot());
    }

    /** Unmounts every mount (interrupting its client) and closes every lease manager. */
    @Override
    public void close() {
        for (String name : List.copyOf(sessions.keySet())) {
            volumeUnserved(name);
        }
    }

    // ------------------------------------------------------------------ the methods

    private MountResponse mount(long clientId, MountRequest request) throws RpcRefusal, IOException {
        String name = request.volumeName();
        if (volumes.get(name).isEmpty()) {
            throw new RpcRefusal(ImgrError.UNKNOWN_VOLUME_NAME, "volume " + name + " is not served");
        }
        if (!tokens.accepts(name, request.authToken())) {
            throw new RpcRefusal(ImgrError.AUTH_TOKEN_REJECTED, "Swift refused the AuthToken for volume " + name);
        }
        if (mounts.size() >= settings.mountLimit()) {
            throw new RpcRefusal(ImgrError.TOO_MANY_MOUNTS, mounts.size() + " mounts (MountLimit)");
        }
        Optional<OpenVolume> open = volumes.open(name, request.authToken());
        if (open.isEmpty()) {
            throw new RpcRefusal(ImgrError.VOLUME_BEING_DELETED, "volume " + name + " is no longer served");
        }
        VolumeSession session = sessions.computeIfAbsent(name, n -> new VolumeSession(open.get(),
                new LeaseManager(settings.leases(), leaseClock, this::sendInterrupt, this::expireMount)));
        byte[] id = new byte[15];
        RANDOM.nextBytes(id);
        Mount mount = new Mount(Base64.getEncoder().encodeToString(id), name, clientId, request.authToken(),
                nanoTime.getAsLong());
        mounts.put(mount.mountId, mount);
        session.add(mount);
        LOG.info("volume {} mounted: {}", name, mount);
        return new MountResponse(mount.mountId);
    }

    private RenewMountResponse renewMount(RenewMountRequest request) throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), false);
        if (!tokens.accepts(mount.volumeName, request.authToken())) {
            mount.state = Mount.State.AUTH_TOKEN_EXPIRED;
            throw new RpcRefusal(ImgrError.AUTH_TOKEN_REJECTED, "Swift refused the new AuthToken of mount "
                    + mount.mountId);
        }
        mount.authToken = request.authToken();
        mount.lastAuthCheckNanos = nanoTime.getAsLong();
        mount.state = Mount.State.HEALTHY;
        volumes.open(mount.volumeName, request.authToken());
        return new RenewMountResponse();
    }

    private UnmountResponse unmount(UnmountRequest request) throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), false);
        dropMount(mount, "unmounted");
        return new UnmountResponse();
    }

    private VolumeStatusResponse volumeStatus(VolumeStatusRequest request) throws RpcRefusal, IOException {
        VolumeStatus s = session(mountOf(request.mountID(), true)).open.volume().status();
        return new VolumeStatusResponse(s.numInodes(), s.objectCount(), s.bytesWritten(), s.bytesReferenced());
    }

    private FetchNonceRangeResponse fetchNonceRange(FetchNonceRangeRequest request) throws RpcRefusal, IOException {
        NonceRange range = session(mountOf(request.mountID(), true)).open.volume()
                .fetchNonceRange(settings.fetchNonceRangeToReturn());
        return new FetchNonceRangeResponse(range.next(), range.count());
    }

    private GetInodeTableEntryResponse getInodeTableEntry(GetInodeTableEntryRequest request)
            throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), true);
        VolumeSession session = session(mount);
        long inode = request.inodeNumber();
        if (!session.leases.mayRead(mount.holder, inode)) {
            throw new RpcRefusal(ImgrError.MISSING_LEASE, String.format("inode %016X: no Shared or Exclusive lease",
                    inode));
        }
        InodeTableEntryValueV1 entry = session.open.volume().getInodeTableEntry(inode).orElseThrow(() ->
                new RpcRefusal(ImgrError.UNKNOWN_INODE_NUMBER, String.format("inode %016X", inode)));
        return new GetInodeTableEntryResponse(entry.inodeHeadObjectNumber(), entry.inodeHeadLength());
    }

    private PutInodeTableEntriesResponse putInodeTableEntries(PutInodeTableEntriesRequest request)
            throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), true);
        VolumeSession session = session(mount);
        for (PutInodeTableEntry e : request.updatedInodeTableEntryArray()) {
            if (!session.leases.mayWrite(mount.holder, e.inodeNumber())) {
                throw new RpcRefusal(ImgrError.MISSING_LEASE, String.format("inode %016X: no Exclusive lease",
                        e.inodeNumber()));
            }
        }
        session.open.volume().putInodeTableEntries(request.updatedInodeTableEntryArray(),
                request.superBlockInodeObjectCountAdjustment(), request.superBlockInodeBytesWrittenAdjustment(),
                request.superBlockInodeBytesReferencedAdjustment(), request.dereferencedObjectNumberArray());
        return new PutInodeTableEntriesResponse();
    }

    private DeleteInodeTableEntryResponse deleteInodeTableEntry(DeleteInodeTableEntryRequest request)
            throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), true);
        VolumeSession session = session(mount);
        long inode = request.inodeNumber();
        if (!session.leases.mayWrite(mount.holder, inode)) {
            throw new RpcRefusal(ImgrError.MISSING_LEASE, String.format("inode %016X: no Exclusive lease", inode));
        }
        if (!session.deferDelete(inode)) {
            session.delete(inode);
        }
        return new DeleteInodeTableEntryResponse();
    }

    private AdjustInodeTableEntryOpenCountResponse adjustOpenCount(AdjustInodeTableEntryOpenCountRequest request)
            throws RpcRefusal, IOException {
        Mount mount = mountOf(request.mountID(), true);
        VolumeSession session = session(mount);
        long inode = request.inodeNumber();
        if (!session.leases.mayRead(mount.holder, inode)) {
            throw new RpcRefusal(ImgrError.MISSING_LEASE, String.format("inode %016X: no Shared or Exclusive lease",
                    inode));
        }
        if (session.adjustOpenCount(mount, inode, request.adjustment(), settings.openFileLimit())) {
            session.delete(inode);
        }
        return new AdjustInodeTableEntryOpenCountResponse();
    }

    private CompletionStage<FlushResponse> flush(FlushRequest request) {
        try {
            VolumeSession session = session(mountOf(request.mountID(), true));
            return session.open.checkPointer().flush().handle((ok, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    throw new CompletionException(new RpcErrorException("checkpoint failed: " + cause.getMessage()));
                }
                return new FlushResponse();
            });
        } catch (RpcRefusal e) {
            return CompletableFuture.failedFuture(new RpcErrorException(e.getMessage()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new RpcErrorException(e.getMessage()));
        }
    }

    /**
     * Decodes a Lease request itself, so that an unknown LeaseRequestType is answered, as the
     * original, with ELeaseRequestDenied rather than as undecodable.
     */
    private CompletionStage<LeaseResponse> lease(com.fasterxml.jackson.databind.JsonNode params) {
        LeaseRequest request;
        try {
            request = JSON.treeToValue(params, LeaseRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            com.fasterxml.jackson.databind.JsonNode type = params.get("LeaseRequestType");
            if (type != null && type.isIntegralNumber()) {
                return CompletableFuture.failedFuture(new RpcErrorException(
                        ImgrError.LEASE_REQUEST_DENIED.format("unknown LeaseRequestType " + type.asText())));
            }
            throw new IllegalArgumentException("cannot decode params as LeaseRequest: " + e.getMessage(), e);
        }
        return lease(request);
    }

    private CompletionStage<LeaseResponse> lease(LeaseRequest request) {
        try {
            Mount mount = mountOf(request.mountID(), true);
            LeaseManager leases = session(mount).leases;
            LeaseRequestType type = request.leaseRequestType();
            boolean acquiring = type == LeaseRequestType.SHARED || type == LeaseRequestType.EXCLUSIVE;
            if (!acquiring && !leases.hasLeaseObject(request.inodeNumber())) {
                throw new RpcRefusal(ImgrError.LEASE_REQUEST_DENIED, String.format("inode %016X: %s without a lease",
                        request.inodeNumber(), type));
            }
            return leases.request(mount.holder, request.inodeNumber(), type).thenApply(LeaseResponse::new);
        } catch (RpcRefusal | IOException e) {
            return CompletableFuture.failedFuture(new RpcErrorException(e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The mount named by an RPC, checking (when asked) its AuthToken as often as configured. */
    private Mount mountOf(String mountId, boolean checkToken) throws RpcRefusal, IOException {
        Mount mount = mounts.get(mountId);
        if (mount == null || mount.state == Mount.State.GONE) {
            throw new RpcRefusal(ImgrError.UNKNOWN_MOUNT_ID, "MountID " + mountId + " is not mounted");
        }
        if (!checkToken) {
            return mount;
        }
        long now = nanoTime.getAsLong();
        // One check at a time per mount: the calls arriving meanwhile go on with the verdict so far
        // (a burst of calls at the interval's end would otherwise each send Swift a HEAD).
        if (mount.state == Mount.State.HEALTHY
                && now - mount.lastAuthCheckNanos >= settings.authTokenCheckInterval().toNanos()
                && mount.authCheckRunning.compareAndSet(false, true)) {
            try {
                String token = mount.authToken;
                if (periodicCheckAccepts(mount, token)) {
                    mount.lastAuthCheckNanos = now;
                } else if (token.equals(mount.authToken)) {   // not renewed with a new token meanwhile
                    mount.state = Mount.State.AUTH_TOKEN_EXPIRED;
                }
            } finally {
                mount.authCheckRunning.set(false);
            }
        }
        if (mount.state == Mount.State.AUTH_TOKEN_EXPIRED) {
            throw new RpcRefusal(ImgrError.AUTH_TOKEN_REJECTED, "the AuthToken of mount " + mountId
                    + " is no longer accepted; RenewMount with a new one");
        }
        return mount;
    }

    /**
     * The periodic re-check of a mounted client's token. Only Swift's refusal (401/403) is a
     * verdict; when Swift cannot answer (5xx, unreachable, after the client's retries) the token
     * that was accepted stays accepted until the next check, so a Swift outage does not turn every
     * metadata call into EIO. A revoked token is still refused at the first check Swift answers.
     */
    private boolean periodicCheckAccepts(Mount mount, String token) {
        try {
            return tokens.accepts(mount.volumeName, token);
        } catch (IOException e) {
            LOG.warn("cannot recheck the AuthToken of mount {} (volume {}): {}; it stays accepted until the next check",
                    mount.mountId, mount.volumeName, e.getMessage());
            return true;
        }
    }

    private VolumeSession session(Mount mount) throws RpcRefusal {
        VolumeSession session = sessions.get(mount.volumeName);
        if (session == null) {
            throw new RpcRefusal(ImgrError.VOLUME_BEING_DELETED, "volume " + mount.volumeName + " is being unserved");
        }
        return session;
    }

    /** Forgets a mount: releases its leases and opens, deleting unlinked inodes it held open last. */
    private void dropMount(Mount mount, String why) {
        if (!mounts.remove(mount.mountId, mount)) {
            return;
        }
        mount.state = Mount.State.GONE;
        VolumeSession session = sessions.get(mount.volumeName);
        if (session == null) {
            return;
        }
        session.leases.releaseAll(mount.holder);
        Set<Long> toDelete = session.remove(mount);
        for (long inode : toDelete) {
            try {
                session.delete(inode);
            } catch (IOException e) {
                LOG.warn("volume {}: inode {} (unlinked, last closed by {}) not deleted: {}", mount.volumeName,
                        Long.toHexString(inode), mount.mountId, e.getMessage());
            }
        }
        LOG.info("volume {}: mount {} {}", mount.volumeName, mount.mountId, why);
    }

    /** Called by a lease manager when a holder ignored its interrupts: the whole mount goes. */
    private void expireMount(LeaseHolder holder, String reason) {
        Mount mount = mounts.get(holder.mountId());
        if (mount == null) {
            return;
        }
        sendInterrupt(holder.retryRpcClientId(), new RpcInterrupt(RpcInterruptType.UNMOUNT, 0));
        dropMount(mount, "expired: " + reason);
    }

    private void volumeUnserved(String name) {
        VolumeSession session = sessions.remove(name);
        if (session == null) {
            return;
        }
        for (Mount mount : session.mounts()) {
            sendInterrupt(mount.holder.retryRpcClientId(), new RpcInterrupt(RpcInterruptType.UNMOUNT, 0));
            mounts.remove(mount.mountId, mount);
            mount.state = Mount.State.GONE;
        }
        session.leases.close();
    }

    private void sendInterrupt(long clientId, RpcInterrupt interrupt) {
        try {
            upcalls.send(clientId, JSON.writeValueAsBytes(interrupt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + interrupt, e);
        }
    }

    /** Runs a method body, turning refusals and failures into the reply's error string. */
    private static <R> R call(Body<R> body) throws RpcErrorException {
        try {
            return body.run();
        } catch (RpcRefusal e) {
            throw new RpcErrorException(e.getMessage());
        } catch (IOException e) {
            LOG.warn("RPC failed: {}", e.getMessage());
            throw new RpcErrorException(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Body<R> {
        R run() throws RpcRefusal, IOException;
    }
}
