package io.proxyfs.imgr.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.iswift.FaultInjector;
import io.proxyfs.iswift.FaultRule;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The volume core against the project's Swift emulator, in-process on a free loopback port. */
@Timeout(60)
class VolumeTest {
    private static final String CONTAINER = "vol";

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private SwiftVolumeObjects objects;
    private final ExecutorService deleter = Executors.newFixedThreadPool(4);
    private final VolumeSettings settings = new VolumeSettings(10, 4, null);

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 16);
        swift = new SwiftClient(new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast), fast);
        swift.createContainer(CONTAINER);
        objects = new SwiftVolumeObjects(swift, CONTAINER);
    }

    @AfterEach
    void stop() {
        deleter.shutdownNow();
        swift.close();
        emulator.close();
    }

    /** Writes a freshly formatted volume with small inode-table nodes (many nodes, many splits). */
    private void format(int inodeTableMaxKeys) throws Exception {
        FormattedVolume f = VolumeFormatter.format(inodeTableMaxKeys, 1024, 42);
        objects.put(f.rootDirObjectNumber(), f.rootDirObject());
        objects.put(f.superBlockObjectNumber(), f.superBlockObject());
        objects.writeCheckPoint(f.checkPoint().toText().getBytes(StandardCharsets.US_ASCII));
    }

    private Volume open() throws Exception {
        return Volume.open("testvol", objects, settings, deleter);
    }

    private Set<String> objectNames() throws Exception {
        return swift.listAllObjects(CONTAINER).stream().map(ObjectInfo::name).collect(Collectors.toSet());
    }

    private static List<PutInodeTableEntry> entries(long from, long to) {
        List<PutInodeTableEntry> list = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            list.add(new PutInodeTableEntry(i, 1000 + i, 100 + i % 50));
        }
        return list;
    }

    private void awaitDeleted(String objectName) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (objectNames().contains(objectName)) {
            assertTrue(System.nanoTime() < deadline, objectName + " was never deleted");
            Thread.sleep(20);
        }
    }

    @Test
    void formattedVolumeOpensWithItsRootDirectory() throws Exception {
        format(2048);
        Volume v = open();
        assertEquals(new InodeTableEntryValueV1(2, 174), v.getInodeTableEntry(1).orElseThrow());
        assertTrue(v.getInodeTableEntry(2).isEmpty());
        VolumeStatus s = v.status();
        assertEquals(1, s.numInodes());
        assertEquals(1, s.objectCount());
        assertEquals(63, s.bytesWritten());
        assertEquals(3, s.reservedToNonce());
        assertFalse(v.needsCheckPoint());
    }

    @Test
    void noncesAreReservedDurablyBeforeBeingHandedOut() throws Exception {
        format(2048);
        Volume v = open();
        assertEquals(new NonceRange(4, 100), v.fetchNonceRange(100));
        assertEquals(new NonceRange(104, 5), v.fetchNonceRange(5));
        CheckPointV1 onDisk = CheckPointV1.unmarshal(objects.readCheckPoint());
        assertEquals(108, onDisk.reservedToNonce());
        assertEquals(3, onDisk.superBlockObjectNumber());
        assertEquals(new NonceRange(109, 1), open().fetchNonceRange(1));
    }

    @Test
    void checkPointMakesEveryUpdateDurableAndDeletesWhatItReplaced() throws Exception {
        format(4);
        Volume v = open();
        v.putInodeTableEntries(entries(2, 500), 499, 10_000, 9_000, List.of());
        assertTrue(v.needsCheckPoint());
        v.checkPoint();
        assertFalse(v.needsCheckPoint());
        CheckPointV1 cp = CheckPointV1.unmarshal(objects.readCheckPoint());
        assertTrue(Long.compareUnsigned(cp.superBlockObjectNumber(), 3) > 0);
        // object 3 held the old inode-table root and superblock: deleted once the new checkpoint is durable
        awaitDeleted(ObjectNames.nameOf(3));

        Volume reopened = open();
        for (long i = 2; i <= 500; i++) {
            assertEquals(new InodeTableEntryValueV1(1000 + i, 100 + i % 50),
                    reopened.getInodeTableEntry(i).orElseThrow(), "inode " + i);
        }
        VolumeStatus s = reopened.status();
        assertEquals(500, s.numInodes());
        assertEquals(500, s.objectCount());
        assertEquals(63 + 10_000, s.bytesWritten());
        assertEquals(63 + 9_000, s.bytesReferenced());
    }

    @Test
    void dereferencedObjectsGoOnlyAfterADurableCheckPointListsThem() throws Exception {
        format(2048);
        objects.put(0x77, new byte[] {1, 2, 3});
        Volume v = open();
        v.putInodeTableEntries(entries(2, 2), 0, 0, -3, List.of(0x77L));
        Thread.sleep(100);
        assertTrue(objectNames().contains(ObjectNames.nameOf(0x77)), "deleted before any checkpoint listed it");
        v.checkPoint();
        awaitDeleted(ObjectNames.nameOf(0x77));
    }

    @Test
    void aFailedDeleteWaitsForTheNextCheckPointInsteadOfSpinning() throws Exception {
        format(2048);
        objects.put(0x77, new byte[] {1, 2, 3});
        Volume v = open();
        FaultInjector.Handle refused = emulator.faults().add(
                FaultRule.fail(403, -1).matching("DELETE", "/v1/AUTH_test/vol/" + ObjectNames.nameOf(0x77)));
        v.putInodeTableEntries(entries(2, 2), 0, 0, -3, List.of(0x77L));
        v.checkPoint();
        Thread.sleep(500);
        int tries = refused.matched();
        assertTrue(tries >= 1 && tries <= 2, "a refused delete is not retried at once (tried " + tries + " times)");
        assertTrue(objectNames().contains(ObjectNames.nameOf(0x77)));
        refused.remove();
        v.putInodeTableEntries(entries(3, 3), 0, 0, 0, List.of());
        v.checkPoint();
        awaitDeleted(ObjectNames.nameOf(0x77));
    }

    @Test
    void failedCheckPointObjectIsPublishedByTheNextAttemptAndNothingIsLost() throws Exception {
        format(4);
        Volume v = open();
        v.fetchNonceRange(1);
        v.putInodeTableEntries(entries(2, 100), 99, 0, 0, List.of());
        CheckPointV1 before = CheckPointV1.unmarshal(objects.readCheckPoint());
        emulator.faults().add(FaultRule.fail(503, -1).matching("PUT", "/v1/AUTH_test/vol/(?!0{16})[0-9A-F]{16}"));
        VolumeException failure = assertThrows(VolumeException.class, v::checkPoint);
        assertTrue(failure.getMessage().contains("kept for the next attempt"), failure.getMessage());
        CheckPointV1 after = CheckPointV1.unmarshal(objects.readCheckPoint());
        assertEquals(before.superBlockObjectNumber(), after.superBlockObjectNumber());
        assertEquals(before.superBlockLength(), after.superBlockLength());
        assertTrue(open().getInodeTableEntry(50).isEmpty(), "a failed checkpoint must publish nothing");

        v.putInodeTableEntries(entries(101, 150), 50, 0, 0, List.of());
        emulator.faults().clear();
        v.checkPoint();
        assertFalse(v.needsCheckPoint());
        Volume reopened = open();
        for (long i = 2; i <= 150; i++) {
            assertEquals(1000 + i, reopened.getInodeTableEntry(i).orElseThrow().inodeHeadObjectNumber(), "inode " + i);
        }
        assertEquals(150, reopened.status().numInodes());
    }

    @Test
    void removedInodesStayRemovedAcrossReopen() throws Exception {
        format(4);
        Volume v = open();
        v.putInodeTableEntries(entries(2, 40), 39, 0, 0, List.of());
        for (long i = 2; i <= 40; i += 2) {
            assertTrue(v.removeInodeTableEntry(i).isPresent());
        }
        assertTrue(v.removeInodeTableEntry(2).isEmpty());
        v.checkPoint();
        Volume reopened = open();
        assertEquals(1 + 19, reopened.status().numInodes());
        assertTrue(reopened.getInodeTableEntry(4).isEmpty());
        assertTrue(reopened.getInodeTableEntry(5).isPresent());
    }

    @Test
    void corruptCheckPointIsAClearError() throws Exception {
        format(2048);
        objects.writeCheckPoint("not a checkpoint".getBytes(StandardCharsets.US_ASCII));
        VolumeException e = assertThrows(VolumeException.class, this::open);
        assertTrue(e.getMessage().contains("testvol") && e.getMessage().contains("checkpoint"), e.getMessage());
    }

    @Test
    void concurrentFlushesShareCheckPointsAndCloseWritesTheLastOne() throws Exception {
        format(64);
        Volume v = open();
        CheckPointer checkPointer = new CheckPointer(v, Duration.ofHours(1));
        try {
            List<Thread> clients = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < 16; c++) {
                long base = 2 + c * 100L;
                Thread t = new Thread(() -> {
                    try {
                        for (int round = 0; round < 5; round++) {
                            long from = base + round * 20L;
                            v.putInodeTableEntries(entries(from, from + 19), 20, 0, 0, List.of());
                            checkPointer.flush().get();
                            // after its flush returns, what this client wrote is durable
                            CheckPointV1 cp = CheckPointV1.unmarshal(objects.readCheckPoint());
                            assertTrue(Long.compareUnsigned(cp.superBlockObjectNumber(), 3) > 0);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertTrue(checkPointer.checkPoints() < 80, "80 flushes should share checkpoints, ran "
                    + checkPointer.checkPoints());
        } finally {
            checkPointer.close();
        }
        Volume reopened = open();
        assertEquals(1 + 16 * 100, reopened.status().numInodes());
        v.putInodeTableEntries(entries(5000, 5000), 1, 0, 0, List.of());
        CheckPointer second = new CheckPointer(v, Duration.ofHours(1));
        second.close();
        assertTrue(open().getInodeTableEntry(5000).isPresent(), "close must write a last checkpoint");
        assertThrows(java.util.concurrent.ExecutionException.class, () -> second.flush().get());
    }

    @Test
    void inodeTableCallsGoOnWhileACheckPointWritesItsObject() throws Exception {
        format(4);
        java.util.concurrent.CountDownLatch putStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releasePut = new java.util.concurrent.CountDownLatch(1);
        VolumeObjects slowPuts = new VolumeObjects() {
            @Override
            public void put(long objectNumber, byte[] bytes) throws java.io.IOException {
                putStarted.countDown();
                try {
                    releasePut.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                objects.put(objectNumber, bytes);
            }

            @Override
            public byte[] getRange(long objectNumber, long offset, long length) throws java.io.IOException {
                return objects.getRange(objectNumber, offset, length);
            }

            @Override
            public byte[] getTail(long objectNumber, long length) throws java.io.IOException {
                return objects.getTail(objectNumber, length);
            }

            @Override
            public boolean delete(long objectNumber) throws java.io.IOException {
                return objects.delete(objectNumber);
            }

            @Override
            public byte[] readCheckPoint() throws java.io.IOException {
                return objects.readCheckPoint();
            }

            @Override
            public void writeCheckPoint(byte[] text) throws java.io.IOException {
                objects.writeCheckPoint(text);
            }
        };
        // A cache of a few nodes: nodes the checkpoint wrote are evicted while its object is not in
        // Swift yet, and must be read back from the checkpoint's bytes in memory.
        Volume v = Volume.open("testvol", slowPuts, new VolumeSettings(10, 4,
                new io.proxyfs.sortedmap.BPlusTreeCache(4, 8)), deleter);
        v.putInodeTableEntries(entries(2, 300), 299, 0, 0, List.of());
        java.util.concurrent.CompletableFuture<Void> checkPoint = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                v.checkPoint();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(putStarted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the checkpoint's PUT started");
        // While the PUT hangs: every inode reads back (nodes now live in the unwritten object), and
        // updates go on.
        for (long i = 2; i <= 300; i++) {
            assertEquals(new InodeTableEntryValueV1(1000 + i, 100 + i % 50), v.getInodeTableEntry(i).orElseThrow());
        }
        v.putInodeTableEntries(entries(301, 400), 100, 0, 0, List.of());
        assertEquals(400, v.status().numInodes());
        assertFalse(checkPoint.isDone(), "the checkpoint is still writing");
        releasePut.countDown();
        checkPoint.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(v.needsCheckPoint(), "the updates made during the PUT wait for the next checkpoint");
        v.checkPoint();
        Volume reopened = open();
        for (long i = 2; i <= 400; i++) {
            assertEquals(new InodeTableEntryValueV1(1000 + i, 100 + i % 50),
                    reopened.getInodeTableEntry(i).orElseThrow(), "inode " + i);
        }
    }
}
