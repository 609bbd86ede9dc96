package io.proxyfs.imgr.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.imgr.volume.FormattedVolume;
import io.proxyfs.imgr.volume.VolumeFormatter;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checker against volumes built in the Swift emulator: a fresh format and a populated volume
 * are clean; each kind of damage is reported precisely (kind, inode, path, object); crash orphans
 * leave the volume clean and {@code --scrub} deletes them and nothing else.
 */
@Timeout(60)
class IcheckTest {
    private static final String CONTAINER = "con";

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private ContainerReader reader;

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 16);
        swift = new SwiftClient(new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast), fast);
        swift.createContainer(CONTAINER);
        reader = new ContainerReader(swift, CONTAINER);
    }

    @AfterEach
    void stop() {
        swift.close();
        emulator.close();
    }

    private CheckReport check() throws Exception {
        return new Icheck(reader, 4).check(CONTAINER);
    }

    /** A populated volume: nested directories, files over one and two objects, a hard link, a symlink. */
    private static final class Sample {
        final VolumeBuilder b = new VolumeBuilder();
        final long a = b.mkdir(1, "a");
        final long ab = b.mkdir(a, "b");
        final long big = b.file(a, "big", bytes(5000, 1), bytes(3000, 2), bytes(700, 3));
        final long small = b.file(ab, "small", bytes(10, 4));
        final long empty = b.file(1, "empty");
        final long link = b.symlink(ab, "to-big", "../big");
        final long[] many = new long[7];

        Sample() {
            for (int i = 0; i < many.length; i++) {
                many[i] = b.file(ab, "f" + i, bytes(100 + i, i));
            }
            b.link(1, "big-again", big);
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static String summary(CheckReport r) {
        return r.problems().stream().map(Problem::toLine).collect(Collectors.joining("\n"))
                + "\norphans:\n" + r.orphans().stream().map(Problem::toLine).collect(Collectors.joining("\n"));
    }

    private static Problem only(CheckReport r, ProblemKind kind) {
        assertEquals(1, r.problems().size(), summary(r));
        Problem p = r.problems().get(0);
        assertEquals(kind, p.kind(), summary(r));
        return p;
    }

    @Test
    void aFreshlyFormattedVolumeIsClean() throws Exception {
        FormattedVolume f = VolumeFormatter.format(2048, 1024, 42);
        swift.putObject(CONTAINER, ObjectNames.nameOf(f.rootDirObjectNumber()), f.rootDirObject());
        swift.putObject(CONTAINER, ObjectNames.nameOf(f.superBlockObjectNumber()), f.superBlockObject());
        swift.putObject(CONTAINER, ObjectNames.nameOf(0), f.checkPoint().marshal());
        CheckReport r = check();
        assertTrue(r.clean() && r.complete(), summary(r));
        assertEquals(List.of(), r.orphans());
        assertEquals(1, r.inodes());
        assertEquals(1, r.directories());
        assertEquals(3, r.objects());
    }

    @Test
    void aPopulatedVolumeIsClean() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        CheckReport r = check();
        assertTrue(r.clean() && r.complete(), summary(r));
        assertEquals(List.of(), r.orphans());
        assertEquals(14, r.inodes());
        assertEquals(3, r.directories());
        assertEquals(10, r.files());
        assertEquals(1, r.symlinks());
    }

    @Test
    void aMissingObjectIsALossOfTheInodeThatReferencesIt() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        long old = s.b.inode(s.big).oldDataObject;
        swift.deleteObject(CONTAINER, ObjectNames.nameOf(old));
        Problem p = only(check(), ProblemKind.MISSING_OBJECT);
        assertEquals(s.big, p.inode());
        assertEquals(old, p.object());
        assertTrue(p.path().equals("/a/big") || p.path().equals("/big-again"), p.path());
        assertTrue(p.message().contains("extent at file offset 0"), p.message());
    }

    @Test
    void aTruncatedObjectLeavesAnExtentPastItsEnd() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        long old = s.b.inode(s.big).oldDataObject;
        swift.putObject(CONTAINER, ObjectNames.nameOf(old), bytes(4000, 1));
        Problem p = only(check(), ProblemKind.BEYOND_OBJECT_END);
        assertEquals(s.big, p.inode());
        assertEquals(old, p.object());
        assertTrue(p.message().contains("reaches byte 5000 but the object holds only 4000 bytes"), p.message());
    }

    @Test
    void aMissingDirectoryHeadObjectIsReportedWithTheInodeAndItsChildrenUnreachable() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        swift.deleteObject(CONTAINER, ObjectNames.nameOf(s.b.inode(s.ab).headObject));
        CheckReport r = check();
        assertFalse(r.clean());
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == ProblemKind.MISSING_OBJECT && p.inode() == s.ab
                && p.path().equals("/a/b")), summary(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == ProblemKind.UNREACHABLE_INODE
                && p.inode() == s.small), summary(r));
    }

    @Test
    void aWrongLinkTableIsAWrongLinkCount() throws Exception {
        Sample s = new Sample();
        List<InodeLinkTableEntry> links = new ArrayList<>(List.of(new InodeLinkTableEntry(s.ab, "small"),
                new InodeLinkTableEntry(1, "phantom")));
        s.b.inode(s.small).linkTable = links;
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.WRONG_LINK_COUNT);
        assertEquals(s.small, p.inode());
        assertEquals("/a/b/small", p.path());
        assertTrue(p.message().contains("link count 2") && p.message().contains("(1, \"phantom\")"), p.message());
    }

    @Test
    void aDirectoryMissingTheDotDotLinkOfASubdirectoryHasAWrongLinkCount() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.a).linkTable = List.of(new InodeLinkTableEntry(1, "a"), new InodeLinkTableEntry(s.a, "."));
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.WRONG_LINK_COUNT);
        assertEquals(s.a, p.inode());
        assertTrue(p.message().contains("(" + s.ab + ", \"..\")"), p.message());
    }

    @Test
    void aDotDotNotNamingTheParentIsABadDirectory() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.ab).entries.put("..", new DirectoryEntryValueV1(1,
                InodeType.DIR));
        s.b.write(swift, CONTAINER);
        CheckReport r = check();
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == ProblemKind.BAD_DIRECTORY && p.inode() == s.ab
                && p.message().contains("\"..\" names inode 1 but its parent is inode " + s.a)), summary(r));
    }

    @Test
    void anInodeNoDirectoryNamesIsUnreachable() throws Exception {
        Sample s = new Sample();
        long lost = s.b.unlinkedFile(bytes(64, 9)).number;
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.UNREACHABLE_INODE);
        assertEquals(lost, p.inode());
        assertEquals("", p.path());
    }

    @Test
    void superBlockTotalsThatDifferFromTheInodesAreBadAccounting() throws Exception {
        Sample s = new Sample();
        s.b.superBlockTamper = sb -> new SuperBlockV1(sb.inodeTableRootObjectNumber(),
                sb.inodeTableRootObjectOffset(), sb.inodeTableRootObjectLength(), sb.inodeTableLayout(),
                sb.inodeObjectCount() + 1, sb.inodeBytesWritten(), sb.inodeBytesReferenced() - 10,
                sb.pendingDeleteObjectNumberArray());
        s.b.write(swift, CONTAINER);
        CheckReport r = check();
        assertEquals(2, r.problems().size(), summary(r));
        assertTrue(r.problems().stream().allMatch(p -> p.kind() == ProblemKind.BAD_ACCOUNTING), summary(r));
        assertTrue(summary(r).contains("InodeObjectCount") && summary(r).contains("InodeBytesReferenced"), summary(r));
    }

    @Test
    void anInodeLayoutThatDiffersFromItsExtentsIsBadAccounting() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.big).headTamper = h -> new InodeHeadV1(h.inodeNumber(), h.inodeType(), h.linkTable(), h.size(),
                h.modificationTimeNanos(), h.statusChangeTimeNanos(), h.mode(), h.userId(), h.groupId(),
                h.streamTable(), h.payloadObjectNumber(), h.payloadObjectOffset(), h.payloadObjectLength(),
                h.symLinkTarget(), List.of(new LayoutEntryV1(h.layout().get(0).objectNumber(), 5000, 4999),
                        h.layout().get(1)));
        // The builder sums the superblock's totals from the layouts as written, so they agree.
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.BAD_ACCOUNTING);
        assertEquals(s.big, p.inode());
        assertEquals(s.b.inode(s.big).oldDataObject, p.object());
        assertTrue(p.message().contains("BytesReferenced 4999 but 5000 bytes are referenced"), p.message());
    }

    @Test
    void corruptInodeHeadBytesAreABadInodeHead() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        long object = s.b.inode(s.small).headObject;
        byte[] bytes = swift.getObject(CONTAINER, ObjectNames.nameOf(object));
        bytes[bytes.length - 8] ^= 0x55; // the trailer's ObjType
        swift.putObject(CONTAINER, ObjectNames.nameOf(object), bytes);
        CheckReport r = check();
        Problem head = r.problems().stream().filter(p -> p.kind() == ProblemKind.BAD_INODE_HEAD).findFirst()
                .orElseThrow(() -> new AssertionError(summary(r)));
        assertEquals(s.small, head.inode());
        assertEquals(object, head.object());
        assertEquals("/a/b/small", head.path());
        assertTrue(head.message().contains("ObjType"), head.message());
        assertFalse(r.clean());
    }

    @Test
    void anUnreferencedObjectOlderThanTheCheckpointIsALeak() throws Exception {
        Sample s = new Sample();
        long leaked = s.b.leaked(bytes(33, 7));
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.LEAKED_OBJECT);
        assertEquals(leaked, p.object());
    }

    @Test
    void crashOrphansLeaveTheVolumeCleanAndScrubDeletesThemAlone() throws Exception {
        Sample s = new Sample();
        long pending = s.b.pendingDelete(bytes(20, 5));
        CheckPointV1 cp = s.b.write(swift, CONTAINER);
        long afterCheckPoint = cp.superBlockObjectNumber() + 3;
        swift.putObject(CONTAINER, ObjectNames.nameOf(afterCheckPoint), bytes(99, 8));
        Set<String> before = names();

        Icheck icheck = new Icheck(reader, 4);
        CheckReport r = icheck.check(CONTAINER);
        assertTrue(r.clean(), summary(r));
        assertEquals(List.of(pending, afterCheckPoint), r.orphans().stream().map(Problem::object).toList());
        assertTrue(r.orphans().get(0).message().contains("pending delete"), summary(r));
        assertTrue(r.orphans().get(1).message().contains("after the last checkpoint"), summary(r));

        icheck.scrub(r);
        assertEquals(2, r.deleted().size(), r.deleted().toString());
        Set<String> after = names();
        Set<String> expected = new HashSet<>(before);
        expected.remove(ObjectNames.nameOf(pending));
        expected.remove(ObjectNames.nameOf(afterCheckPoint));
        assertEquals(expected, after);

        CheckReport again = check();
        assertTrue(again.clean(), summary(again));
        assertEquals(List.of(), again.orphans());
    }

    @Test
    void scrubRefusesOnAnInconsistentVolumeAndDeletesNothing() throws Exception {
        Sample s = new Sample();
        s.b.leaked(bytes(5, 5));
        s.b.pendingDelete(bytes(6, 6));
        s.b.write(swift, CONTAINER);
        Set<String> before = names();
        Icheck icheck = new Icheck(reader, 2);
        CheckReport r = icheck.check(CONTAINER);
        assertFalse(r.clean());
        ScrubRefusedException e = assertThrows(ScrubRefusedException.class, () -> icheck.scrub(r));
        assertTrue(e.getMessage().contains("1 problems"), e.getMessage());
        assertEquals(before, names());
    }

    @Test
    void scrubStopsWhenTheCheckpointChangedSinceTheCheck() throws Exception {
        Sample s = new Sample();
        CheckPointV1 cp = s.b.write(swift, CONTAINER);
        swift.putObject(CONTAINER, ObjectNames.nameOf(cp.superBlockObjectNumber() + 1), bytes(9, 9));
        Icheck icheck = new Icheck(reader, 2);
        CheckReport r = icheck.check(CONTAINER);
        assertEquals(1, r.orphans().size(), summary(r));
        swift.putObject(CONTAINER, ObjectNames.nameOf(0), new CheckPointV1(cp.superBlockObjectNumber(),
                cp.superBlockLength(), cp.reservedToNonce() + 100).marshal());
        assertThrows(ScrubRefusedException.class, () -> icheck.scrub(r));
        assertTrue(names().contains(ObjectNames.nameOf(cp.superBlockObjectNumber() + 1)));
    }

    @Test
    void aMissingOrGarbledCheckpointStopsTheCheck() throws Exception {
        CheckReport none = check();
        assertEquals(ProblemKind.BAD_CHECKPOINT, only(none, ProblemKind.BAD_CHECKPOINT).kind());
        assertFalse(none.complete());
        swift.putObject(CONTAINER, ObjectNames.nameOf(0), "garbage".getBytes(StandardCharsets.US_ASCII));
        Problem p = only(check(), ProblemKind.BAD_CHECKPOINT);
        assertTrue(p.message().contains("does not parse"), p.message());
    }

    @Test
    void aForeignObjectIsReported() throws Exception {
        new Sample().b.write(swift, CONTAINER);
        swift.putObject(CONTAINER, "notes.txt", bytes(3, 1));
        Problem p = only(check(), ProblemKind.FOREIGN_OBJECT);
        assertTrue(p.message().contains("notes.txt"), p.message());
    }

    @Test
    void anExtentPastTheFilesSizeIsABadExtent() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.big).headTamper = h -> new InodeHeadV1(h.inodeNumber(), h.inodeType(), h.linkTable(), 8000,
                h.modificationTimeNanos(), h.statusChangeTimeNanos(), h.mode(), h.userId(), h.groupId(),
                h.streamTable(), h.payloadObjectNumber(), h.payloadObjectOffset(), h.payloadObjectLength(),
                h.symLinkTarget(), h.layout());
        s.b.write(swift, CONTAINER);
        Problem p = only(check(), ProblemKind.BAD_EXTENT);
        assertEquals(s.big, p.inode());
        assertTrue(p.message().contains("extent at file offset 8000") && p.message().contains("past the file's size 8000"),
                p.message());
    }

    @Test
    void anEntryWithTheWrongTypeOrNamingNoInodeIsABadDirectoryEntry() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.ab).entries.put("small", new DirectoryEntryValueV1(s.small,
                InodeType.SYMLINK));
        s.b.inode(1).entries.put("ghost", new DirectoryEntryValueV1(99_999,
                InodeType.FILE));
        s.b.link(s.ab, "x/y", s.small);
        s.b.inode(s.small).linkTable = List.of(new InodeLinkTableEntry(s.ab, "small"),
                new InodeLinkTableEntry(s.ab, "x/y"));
        s.b.write(swift, CONTAINER);
        CheckReport r = check();
        assertEquals(3, r.problems().size(), summary(r));
        assertTrue(r.problems().stream().allMatch(p -> p.kind() == ProblemKind.BAD_DIRECTORY_ENTRY), summary(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("\"x/y\"")
                && p.message().contains("without '/'")), summary(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.inode() == s.ab && p.path().equals("/a/b")
                && p.message().contains("as a SYMLINK but that inode is a FILE")), summary(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.inode() == 1 && p.message().contains("\"ghost\" names inode 99999")
                && p.message().contains("inode table does not hold")), summary(r));
    }

    @Test
    void aMissingSuperBlockObjectStopsTheCheckWithALoss() throws Exception {
        CheckPointV1 cp = new Sample().b.write(swift, CONTAINER);
        swift.deleteObject(CONTAINER, ObjectNames.nameOf(cp.superBlockObjectNumber()));
        CheckReport r = check();
        Problem p = only(r, ProblemKind.MISSING_OBJECT);
        assertEquals(cp.superBlockObjectNumber(), p.object());
        assertTrue(p.message().contains("superblock"), p.message());
        assertFalse(r.complete());
    }

    @Test
    void aLargeVolumeWithDeepTreesIsCleanAndEveryInodeIsCounted() throws Exception {
        VolumeBuilder b = new VolumeBuilder();
        int files = 0;
        for (int d = 0; d < 8; d++) {
            long dir = b.mkdir(1, "d" + d);
            long sub = b.mkdir(dir, "sub");
            for (int f = 0; f < 40; f++) {
                b.file(f % 2 == 0 ? dir : sub, "f" + f, bytes(10 + f, f), bytes(5, d));
                files++;
            }
        }
        b.write(swift, CONTAINER);
        CheckReport r = new Icheck(reader, 8).check(CONTAINER);
        assertTrue(r.clean() && r.complete(), summary(r));
        assertEquals(1 + 16 + files, r.inodes());
        assertEquals(files, r.files());
        // The same, streaming every tree through a small node cache instead of validating it whole.
        CheckReport streamed = new Icheck(reader, 8, 0).check(CONTAINER);
        assertTrue(streamed.clean() && streamed.complete(), summary(streamed));
        assertEquals(1 + 16 + files, streamed.inodes());
    }

    @Test
    void streamedTreesReportDamageToo() throws Exception {
        Sample s = new Sample();
        s.b.write(swift, CONTAINER);
        long old = s.b.inode(s.big).oldDataObject;
        swift.putObject(CONTAINER, ObjectNames.nameOf(old), bytes(4000, 1));
        Problem p = only(new Icheck(reader, 2, 0).check(CONTAINER), ProblemKind.BEYOND_OBJECT_END);
        assertEquals(s.big, p.inode());
    }

    @Test
    void anObjectWrittenAfterTheCheckpointIsAnOrphanWhateverItsNumber() throws Exception {
        // A client may write with nonces reserved before imgr took its checkpoint object's number.
        CheckPointV1 cp = new Sample().b.write(swift, CONTAINER);
        swift.putObject(CONTAINER, ObjectNames.nameOf(2), bytes(12, 1));
        swift.putObject(CONTAINER, ObjectNames.nameOf(cp.reservedToNonce() + 7), bytes(13, 1));
        CheckReport r = check();
        assertTrue(r.clean(), summary(r));
        assertEquals(List.of(2L, cp.reservedToNonce() + 7), r.orphans().stream().map(Problem::object).toList());
        assertTrue(r.orphans().stream().allMatch(p -> p.message().contains("after the last checkpoint")), summary(r));
    }

    @Test
    void anObjectNumberedAboveReservedToNonceIsAnOrphanEvenIfOlder() throws Exception {
        long above = 1_000_000;
        swift.putObject(CONTAINER, ObjectNames.nameOf(above), bytes(14, 1));
        Thread.sleep(5);
        new Sample().b.write(swift, CONTAINER);
        CheckReport r = check();
        assertTrue(r.clean(), summary(r));
        assertEquals(List.of(above), r.orphans().stream().map(Problem::object).toList());
        assertTrue(r.orphans().get(0).message().contains("above the checkpoint's ReservedToNonce"), summary(r));
    }

    @Test
    void aReservedToNonceBelowNumbersInUseIsABadCheckpoint() throws Exception {
        Sample s = new Sample();
        CheckPointV1 cp = s.b.write(swift, CONTAINER);
        swift.putObject(CONTAINER, ObjectNames.nameOf(0), new CheckPointV1(cp.superBlockObjectNumber(),
                cp.superBlockLength(), s.small).marshal());
        CheckReport r = check();
        assertEquals(2, r.problems().size(), summary(r));
        assertTrue(r.problems().stream().allMatch(p -> p.kind() == ProblemKind.BAD_CHECKPOINT
                && p.message().contains("ReservedToNonce " + s.small) && p.message().contains("reused")), summary(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.inode() == s.many[s.many.length - 1]), summary(r));
    }

    @Test
    void aCheckpointWrittenDuringTheCheckIsReported() throws Exception {
        Sample s = new Sample();
        CheckPointV1 cp = s.b.write(swift, CONTAINER);
        emulator.faults().add(FaultRule.delay(Duration.ofMillis(50), -1)
                .matching("GET", "/v1/AUTH_test/con/(?!0000000000000000$).+"));
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(150);
                swift.putObject(CONTAINER, ObjectNames.nameOf(0), new CheckPointV1(cp.superBlockObjectNumber(),
                        cp.superBlockLength(), cp.reservedToNonce() + 10).marshal());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        CheckReport r = new Icheck(reader, 2).check(CONTAINER);
        writer.join();
        Problem p = only(r, ProblemKind.CHANGED_DURING_CHECK);
        assertTrue(p.message().contains("is imgr serving the volume?"), p.message());
    }

    @Test
    void anImpossibleHeadLengthInTheInodeTableIsABadInodeHead() throws Exception {
        Sample s = new Sample();
        s.b.inode(s.small).headLengthOverride = 3;
        s.b.write(swift, CONTAINER);
        CheckReport r = check();
        Problem p = r.problems().stream().filter(x -> x.kind() == ProblemKind.BAD_INODE_HEAD).findFirst()
                .orElseThrow(() -> new AssertionError(summary(r)));
        assertEquals(s.small, p.inode());
        assertTrue(p.message().contains("impossible length 3"), p.message());
    }

    private Set<String> names() throws Exception {
        return swift.listAllObjects(CONTAINER).stream().map(ObjectInfo::name).collect(Collectors.toSet());
    }
}
