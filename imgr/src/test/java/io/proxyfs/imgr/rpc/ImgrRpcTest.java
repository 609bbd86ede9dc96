package io.proxyfs.imgr.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.imgr.lease.LeaseSettings;
import io.proxyfs.imgr.lease.ScheduledLeaseClock;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.imgr.volume.SwiftVolumeObjects;
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
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.imgrapi.RpcInterruptType;
import io.proxyfs.imgrapi.UnmountRequest;
import io.proxyfs.imgrapi.UnmountResponse;
import io.proxyfs.imgrapi.VolumeStatusRequest;
import io.proxyfs.imgrapi.VolumeStatusResponse;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.MethodRegistry;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.retryrpc.RetryRpcServer;
import io.proxyfs.retryrpc.RetryRpcServerSettings;
import io.proxyfs.retryrpc.RpcErrorException;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** imgr's RPCs end to end: real retryrpc sockets, two clients, the in-process Swift emulator. */
@Timeout(60)
class ImgrRpcTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private VolumeManager volumes;
    private ImgrRpc rpc;
    private RetryRpcServer server;
    private ScheduledLeaseClock leaseClock;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);
    private final SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
            Duration.ofSeconds(10), 8);
    private String token;
    private String accountUrl;
    /** Added to imgr's clock: moves it past AuthTokenCheckInterval without waiting. */
    private final java.util.concurrent.atomic.AtomicLong skew = new java.util.concurrent.atomic.AtomicLong();
    private Client a;
    private Client b;

    /** A client: its retryrpc connection and the interrupts it received. */
    private final class Client implements AutoCloseable {
        final BlockingQueue<RpcInterrupt> interrupts = new LinkedBlockingQueue<>();
        final RetryRpcClient rpcClient;
        String mountId;

        Client() throws java.io.IOException {
            rpcClient = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port()), payload -> {
                try {
                    interrupts.add(JSON.readValue(payload, RpcInterrupt.class));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, (oldId, newId) -> { });
        }

        <R> R call(String method, Object request, Class<R> reply) throws Exception {
            return rpcClient.call(method, request, reply);
        }

        String error(String method, Object request) {
            return assertThrows(RpcErrorException.class, () -> rpcClient.call(method, request, Object.class)).errstr();
        }

        LeaseResponseType lease(long inode, LeaseRequestType type) throws Exception {
            return call(ImgrMethods.LEASE, new LeaseRequest(mountId, inode, type), LeaseResponse.class)
                    .leaseResponseType();
        }

        @Override
        public void close() {
            rpcClient.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        accountUrl = credentials.storageUrl();
        swift = new SwiftClient(auth, fast);
        swift.createContainer("con");
        volumes = new VolumeManager(fast, new VolumeSettings(100, 4, null), Duration.ofHours(1), deleter,
                Optional.empty());
        volumes.format(accountUrl + "/con", token, 2048, 1024);
        volumes.serve("testvol", accountUrl + "/con", "");
        leaseClock = ScheduledLeaseClock.withOwnThread("test-lease-clock");
        AtomicReference<RetryRpcServer> serverRef = new AtomicReference<>();
        rpc = new ImgrRpc(new ImgrRpc.Settings(3, 2, Duration.ofMinutes(1), 100,
                new LeaseSettings(Duration.ofMillis(10), Duration.ofMillis(50), 5, 1000, 1010)),
                volumes, volumes::accepts, (id, payload) -> serverRef.get().sendUpcall(id, payload), leaseClock,
                () -> System.nanoTime() + skew.get());
        server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0), rpc.register(new MethodRegistry()));
        serverRef.set(server);
        server.start();
        a = new Client();
        b = new Client();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        server.close();
        rpc.close();
        volumes.close();
        leaseClock.close();
        deleter.shutdownNow();
        swift.close();
        emulator.close();
    }

    private void mount(Client c) throws Exception {
        c.mountId = c.call(ImgrMethods.MOUNT, new MountRequest("testvol", token), MountResponse.class).mountID();
    }

    @Test
    void mountChecksTheVolumeAndTheToken() throws Exception {
        assertTrue(a.error(ImgrMethods.MOUNT, new MountRequest("nosuch", token)).startsWith("EUnknownVolumeName:"));
        assertTrue(a.error(ImgrMethods.MOUNT, new MountRequest("testvol", "AUTH_tkbad")).startsWith("EAuthTokenRejected:"));
        mount(a);
        assertEquals(20, a.mountId.length());
        assertTrue(a.error(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest("nope")).startsWith("EUnknownMountID:"));
        VolumeStatusResponse status = a.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId),
                VolumeStatusResponse.class);
        assertEquals(1, status.numInodes());
        a.call(ImgrMethods.UNMOUNT, new UnmountRequest(a.mountId), UnmountResponse.class);
        assertTrue(a.error(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId)).startsWith("EUnknownMountID:"));
    }

    @Test
    void inodeTableNeedsLeasesAndFlushMakesItDurable() throws Exception {
        mount(a);
        assertTrue(a.error(ImgrMethods.GET_INODE_TABLE_ENTRY, new GetInodeTableEntryRequest(a.mountId, 1))
                .startsWith("EMissingLease:"));
        assertEquals(LeaseResponseType.SHARED, a.lease(1, LeaseRequestType.SHARED));
        GetInodeTableEntryResponse root = a.call(ImgrMethods.GET_INODE_TABLE_ENTRY,
                new GetInodeTableEntryRequest(a.mountId, 1), GetInodeTableEntryResponse.class);
        assertEquals(2, root.inodeHeadObjectNumber());
        assertEquals(174, root.inodeHeadLength());

        FetchNonceRangeResponse nonces = a.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(a.mountId),
                FetchNonceRangeResponse.class);
        assertEquals(4, nonces.nextNonce());
        assertEquals(100, nonces.numNoncesFetched());
        long inode = nonces.nextNonce();
        long object = inode + 1;
        PutInodeTableEntriesRequest put = new PutInodeTableEntriesRequest(a.mountId,
                List.of(new PutInodeTableEntry(inode, object, 90)), 1, 4096, 4096, List.of());
        assertTrue(a.error(ImgrMethods.PUT_INODE_TABLE_ENTRIES, put).startsWith("EMissingLease:"));
        assertEquals(LeaseResponseType.EXCLUSIVE, a.lease(inode, LeaseRequestType.EXCLUSIVE));
        a.call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, put, PutInodeTableEntriesResponse.class);
        a.call(ImgrMethods.FLUSH, new FlushRequest(a.mountId), FlushResponse.class);

        Volume fromSwift = Volume.open("check", new SwiftVolumeObjects(swift, "con"), new VolumeSettings(100, 4, null),
                deleter);
        assertEquals(object, fromSwift.getInodeTableEntry(inode).orElseThrow().inodeHeadObjectNumber());
        assertEquals(4096 + 63, fromSwift.status().bytesWritten());
    }

    @Test
    void aConflictingRequestInterruptsTheHolder() throws Exception {
        mount(a);
        mount(b);
        assertEquals(LeaseResponseType.EXCLUSIVE, a.lease(1, LeaseRequestType.EXCLUSIVE));
        Thread waiter = new Thread(() -> {
            try {
                assertEquals(LeaseResponseType.SHARED, b.lease(1, LeaseRequestType.SHARED));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        RpcInterrupt interrupt = a.interrupts.poll(10, TimeUnit.SECONDS);
        assertEquals(new RpcInterrupt(RpcInterruptType.DEMOTE, 1), interrupt);
        assertEquals(LeaseResponseType.DEMOTED, a.lease(1, LeaseRequestType.DEMOTE));
        waiter.join(10_000);
        assertTrue(!waiter.isAlive());
        assertTrue(a.error(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(a.mountId,
                List.of(new PutInodeTableEntry(1, 2, 174)), 0, 0, 0, List.of())).startsWith("EMissingLease:"));
    }

    @Test
    void anUnlinkedInodeLivesUntilItsLastClose() throws Exception {
        mount(a);
        long inode = a.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(a.mountId),
                FetchNonceRangeResponse.class).nextNonce();
        byte[] head = new io.proxyfs.ilayout.InodeHeadV1(inode, io.proxyfs.ilayout.InodeType.FILE, List.of(), 0, 1, 1,
                0644, 0, 0, List.of(), 0, 0, 0, "", List.of()).marshal();
        new SwiftVolumeObjects(swift, "con").put(inode + 1, head);
        assertEquals(LeaseResponseType.EXCLUSIVE, a.lease(inode, LeaseRequestType.EXCLUSIVE));
        a.call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(a.mountId,
                List.of(new PutInodeTableEntry(inode, inode + 1, head.length)), 1, 0, 0, List.of()),
                PutInodeTableEntriesResponse.class);
        assertTrue(a.error(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT,
                new AdjustInodeTableEntryOpenCountRequest(a.mountId, inode, -1)).startsWith("EBadOpenCountAdjustment:"));
        a.call(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT, new AdjustInodeTableEntryOpenCountRequest(a.mountId,
                inode, 1), AdjustInodeTableEntryOpenCountResponse.class);
        a.call(ImgrMethods.DELETE_INODE_TABLE_ENTRY, new DeleteInodeTableEntryRequest(a.mountId, inode),
                DeleteInodeTableEntryResponse.class);
        assertEquals(inode + 1, a.call(ImgrMethods.GET_INODE_TABLE_ENTRY, new GetInodeTableEntryRequest(a.mountId,
                inode), GetInodeTableEntryResponse.class).inodeHeadObjectNumber(), "still open: still there");
        a.call(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT, new AdjustInodeTableEntryOpenCountRequest(a.mountId,
                inode, -1), AdjustInodeTableEntryOpenCountResponse.class);
        assertTrue(a.error(ImgrMethods.GET_INODE_TABLE_ENTRY, new GetInodeTableEntryRequest(a.mountId, inode))
                .startsWith("EUnknownInodeNumber:"));
    }

    @Test
    void unservingAVolumeUnmountsItsClients() throws Exception {
        mount(a);
        volumes.unserve("testvol");
        assertEquals(new RpcInterrupt(RpcInterruptType.UNMOUNT, 0), a.interrupts.poll(10, TimeUnit.SECONDS));
        assertTrue(a.error(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId)).startsWith("EUnknownMountID:"));
    }

    @Test
    void theRemainingErrorPrefixes() throws Exception {
        mount(a);
        assertTrue(a.error(ImgrMethods.LEASE, new LeaseRequest(a.mountId, 77, LeaseRequestType.RELEASE))
                .startsWith("ELeaseRequestDenied:"), "Release without a lease");
        assertTrue(a.error(ImgrMethods.LEASE, java.util.Map.of("MountID", a.mountId, "InodeNumber", 1,
                "LeaseRequestType", 9)).startsWith("ELeaseRequestDenied:"), "an unknown LeaseRequestType");

        for (long inode : new long[] {1, 5, 6}) {
            assertEquals(LeaseResponseType.SHARED, a.lease(inode, LeaseRequestType.SHARED));
        }
        for (long inode : new long[] {1, 5}) {
            a.call(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT, new AdjustInodeTableEntryOpenCountRequest(a.mountId,
                    inode, 1), AdjustInodeTableEntryOpenCountResponse.class);
        }
        String tooManyOpens = a.error(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT,
                new AdjustInodeTableEntryOpenCountRequest(a.mountId, 6, 1));
        assertTrue(tooManyOpens.startsWith("ETooManyOpens "), "OpenFileLimit 2: " + tooManyOpens);
        a.call(ImgrMethods.ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT, new AdjustInodeTableEntryOpenCountRequest(a.mountId,
                1, 1), AdjustInodeTableEntryOpenCountResponse.class);

        mount(b);
        a.call(ImgrMethods.MOUNT, new MountRequest("testvol", token), MountResponse.class);
        String tooManyMounts = b.error(ImgrMethods.MOUNT, new MountRequest("testvol", token));
        assertTrue(tooManyMounts.startsWith("ETooManyMounts "), "MountLimit 3: " + tooManyMounts);
    }

    @Test
    void aRevokedTokenIsNoticedAtTheNextCheckAndRenewMountRestoresTheMount() throws Exception {
        mount(a);
        emulator.revokeTokens();
        a.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId), VolumeStatusResponse.class);
        skew.addAndGet(Duration.ofMinutes(2).toNanos());
        assertTrue(a.error(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId))
                .startsWith("EAuthTokenRejected:"), "rechecked after AuthTokenCheckInterval");
        assertTrue(a.error(ImgrMethods.LEASE, new LeaseRequest(a.mountId, 1, LeaseRequestType.SHARED))
                .startsWith("EAuthTokenRejected:"), "every call but RenewMount and Unmount");
        assertTrue(a.error(ImgrMethods.RENEW_MOUNT, new io.proxyfs.imgrapi.RenewMountRequest(a.mountId, token))
                .startsWith("EAuthTokenRejected:"), "the revoked token does not renew");
        String fresh = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast)
                .current().token();
        a.call(ImgrMethods.RENEW_MOUNT, new io.proxyfs.imgrapi.RenewMountRequest(a.mountId, fresh),
                io.proxyfs.imgrapi.RenewMountResponse.class);
        assertEquals(1, a.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId),
                VolumeStatusResponse.class).numInodes());
        assertEquals(LeaseResponseType.SHARED, a.lease(1, LeaseRequestType.SHARED));
    }

    @Test
    void aBurstOfCallsAfterTheIntervalChecksTheTokenOnce() throws Exception {
        mount(a);
        io.proxyfs.iswift.FaultInjector.Handle slowHead = emulator.faults().add(
                io.proxyfs.iswift.FaultRule.delay(Duration.ofMillis(300), 1_000_000)
                        .matching("HEAD", ".*/con/0000000000000000"));
        skew.addAndGet(Duration.ofMinutes(2).toNanos());
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Long>> answers = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                answers.add(callers.submit(() -> a.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId),
                        VolumeStatusResponse.class).numInodes()));
            }
            for (java.util.concurrent.Future<Long> answer : answers) {
                assertEquals(1L, answer.get().longValue(), "every call of the burst is answered");
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, slowHead.fired(), "one HEAD for the burst: the other calls went on with the verdict so far");
        slowHead.remove();
    }

    @Test
    void aSwiftOutageDuringThePeriodicTokenCheckIsNoVerdict() throws Exception {
        mount(a);
        io.proxyfs.iswift.FaultInjector.Handle outage = emulator.faults().add(
                io.proxyfs.iswift.FaultRule.fail(503, 1_000_000).matching("HEAD", ".*/con/0000000000000000"));
        skew.addAndGet(Duration.ofMinutes(2).toNanos());
        assertEquals(1, a.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId),
                VolumeStatusResponse.class).numInodes(), "a 503 is not a refusal: the mount goes on");
        assertTrue(outage.fired() > 0, "the check did reach Swift during the outage");
        assertTrue(a.error(ImgrMethods.MOUNT, new MountRequest("testvol", token)).length() > 0,
                "a new mount cannot be checked during the outage and is refused");
        outage.remove();
        emulator.revokeTokens();
        skew.addAndGet(Duration.ofMinutes(2).toNanos());
        assertTrue(a.error(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(a.mountId))
                .startsWith("EAuthTokenRejected:"), "once Swift answers, a revoked token is refused");
    }
}
