package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.inode.Attr;
import io.proxyfs.iclient.inode.Errno;
import io.proxyfs.iclient.inode.FileSystem;
import io.proxyfs.iclient.inode.FsException;
import io.proxyfs.iclient.inode.FsSettings;
import io.proxyfs.iclient.inode.LocalLocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file system without FUSE: every POSIX rule called directly on {@link FileSystem}, against
 * the Swift emulator and an in-process imgr (real retryrpc, real leases), and a second mount that
 * must see what the first wrote.
 */
@Timeout(120)
class FileSystemTest {
    @TempDir
    static Path dir;

    private static Cluster cluster;
    private static final List<AutoCloseable> opened = new ArrayList<>();
    private static FileSystem fs;
    private static final int RDWR = 2;

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(false, dir);
        fs = mount();
    }

    /** A FileSystem on its own imgr mount, as Iclient builds it (small pages, small flush trigger). */
    static FileSystem mount() throws Exception {
        return cluster.fileSystem(new FsSettings(4, 4, 64 * 1024, Duration.ofSeconds(1), 255, 512), opened);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        cluster.close();
    }

    private static List<String> p(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static void errno(Errno expected, Executable op) {
        FsException e = assertThrows(FsException.class, op);
        assertEquals(expected, e.errno(), e.getMessage());
    }

    private static long create(String parent, String name) throws Exception {
        return fs.create(p(parent), name, 0644, RDWR, 1000, 1000);
    }

    private static void writeFile(String parent, String name, byte[] data) throws Exception {
        long fh = create(parent, name);
        fs.write(fh, 0, data, data.length);
        fs.release(fh);
    }

    private static byte[] readFile(String path) throws Exception {
        long fh = fs.open(p(path), 0);
        try {
            return fs.read(fh, 0, (int) fs.getattr(p(path)).size() + 10);
        } finally {
            fs.release(fh);
        }
    }

    @Test
    void namespaceRules() throws Exception {
        fs.mkdir(p("/"), "ns", 0755, 0, 0);
        fs.mkdir(p("/ns"), "d", 0755, 0, 0);
        errno(Errno.EEXIST, () -> fs.mkdir(p("/ns"), "d", 0755, 0, 0));
        writeFile("/ns/d", "f", new byte[] {1});
        errno(Errno.ENOTEMPTY, () -> fs.rmdir(p("/ns"), "d"));
        errno(Errno.EISDIR, () -> fs.unlink(p("/ns"), "d"));
        errno(Errno.ENOTDIR, () -> fs.rmdir(p("/ns/d"), "f"));
        errno(Errno.ENOENT, () -> fs.getattr(p("/ns/nothing")));
        errno(Errno.ENOTDIR, () -> fs.mkdir(p("/ns/d/f"), "x", 0755, 0, 0));
        errno(Errno.ENAMETOOLONG, () -> fs.mkdir(p("/ns"), "n".repeat(256), 0755, 0, 0));
        fs.mkdir(p("/ns"), "n".repeat(255), 0755, 0, 0);
        errno(Errno.EINVAL, () -> fs.rename(p("/ns"), "d", p("/ns/d"), "inside"));
        fs.mkdir(p("/ns"), "e", 0755, 0, 0);
        errno(Errno.ENOTEMPTY, () -> fs.rename(p("/ns"), "e", p("/ns"), "d"));
        errno(Errno.EISDIR, () -> fs.rename(p("/ns/d"), "f", p("/ns"), "e"));
        errno(Errno.ENOTDIR, () -> fs.rename(p("/ns"), "e", p("/ns/d"), "f"));
        assertEquals(5, fs.getattr(p("/ns")).nlink(), "2 + three subdirectories");
        // A directory moves across directories: ".." follows and the link counts change.
        fs.rename(p("/ns"), "e", p("/ns/d"), "e2");
        assertEquals(4, fs.getattr(p("/ns")).nlink());
        assertEquals(3, fs.getattr(p("/ns/d")).nlink());
        long dIno = fs.getattr(p("/ns/d")).inode();
        assertEquals(dIno, fs.readdir(p("/ns/d/e2")).stream().filter(e -> e.name().equals("..")).findFirst()
                .orElseThrow().inode());
        // Replacing a file: the target's inode goes.
        writeFile("/ns", "g", "gee".getBytes());
        long fIno = fs.getattr(p("/ns/d/f")).inode();
        fs.rename(p("/ns/d"), "f", p("/ns"), "g");
        assertEquals(fIno, fs.getattr(p("/ns/g")).inode());
        errno(Errno.ENOENT, () -> fs.getattr(p("/ns/d/f")));
        // readdir: ".", "..", real inode numbers, name order.
        List<FileSystem.DirEntry> entries = fs.readdir(p("/ns"));
        assertEquals(List.of(".", "..", "d", "g", "n".repeat(255)), entries.stream().map(FileSystem.DirEntry::name).toList());
        assertEquals(fIno, entries.get(3).inode());
        assertEquals(Attr.S_IFDIR, entries.get(2).typeBits());
        fs.rmdir(p("/ns/d"), "e2");
        assertEquals(2, fs.getattr(p("/ns/d")).nlink());
    }

    @Test
    void hardAndSymbolicLinks() throws Exception {
        fs.mkdir(p("/"), "links", 0755, 0, 0);
        writeFile("/links", "a", "data".getBytes());
        fs.link(p("/links/a"), p("/links"), "b");
        assertEquals(2, fs.getattr(p("/links/a")).nlink());
        assertEquals(fs.getattr(p("/links/a")).inode(), fs.getattr(p("/links/b")).inode());
        errno(Errno.EPERM, () -> fs.link(p("/links"), p("/"), "dirlink"));
        errno(Errno.EEXIST, () -> fs.link(p("/links/a"), p("/links"), "b"));
        fs.unlink(p("/links"), "a");
        assertEquals(1, fs.getattr(p("/links/b")).nlink());
        assertArrayEquals("data".getBytes(), readFile("/links/b"));
        fs.symlink("b", p("/links"), "s", 0, 0);
        assertEquals("b", fs.readlink(p("/links/s")));
        assertEquals(Attr.S_IFLNK | 0777, fs.getattr(p("/links/s")).mode());
        assertEquals(1, fs.getattr(p("/links/s")).size());
        errno(Errno.EINVAL, () -> fs.readlink(p("/links/b")));
    }

    @Test
    void fileDataHolesTruncationAndAppend() throws Exception {
        fs.mkdir(p("/"), "data", 0755, 0, 0);
        long fh = create("/data", "sparse");
        byte[] block = new byte[10_000];
        Arrays.fill(block, (byte) 7);
        fs.write(fh, 100_000, block, block.length);
        fs.write(fh, 5, "hello".getBytes(), 5);
        assertEquals(110_000, fs.fgetattr(fh).size());
        byte[] all = fs.read(fh, 0, 200_000);
        assertEquals(110_000, all.length);
        assertEquals("hello", new String(all, 5, 5, StandardCharsets.US_ASCII));
        for (int i = 10; i < 100_000; i++) {
            assertEquals(0, all[i], "hole at " + i);
        }
        assertEquals(7, all[109_999]);
        // Overwrite across an extent boundary, then shrink and grow.
        fs.write(fh, 99_998, new byte[] {1, 2, 3, 4}, 4);
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4, 7}, fs.read(fh, 99_996, 7));
        fs.ftruncate(fh, 100_001);
        fs.ftruncate(fh, 100_010);
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0}, fs.read(fh, 99_998, 5));
        assertEquals(0, fs.read(fh, 100_010, 10).length);
        fs.release(fh);
        // Many small writes: more than the flush trigger, more extents than a page.
        long big = create("/data", "many");
        byte[] expected = new byte[200_000];
        for (int i = 0; i < 200; i++) {
            byte[] piece = new byte[1000];
            Arrays.fill(piece, (byte) i);
            int at = (i * 7919) % 200 * 1000;
            fs.write(big, at, piece, piece.length);
            System.arraycopy(piece, 0, expected, at, 1000);
        }
        assertArrayEquals(expected, fs.read(big, 0, 200_000));
        fs.release(big);
        // O_APPEND writes at the end whatever the offset.
        long app = fs.open(p("/data/many"), RDWR | 02000);
        fs.write(app, 0, "tail".getBytes(), 4);
        fs.release(app);
        assertEquals(200_004, fs.getattr(p("/data/many")).size());
        // O_TRUNC empties.
        long tr = fs.open(p("/data/many"), RDWR | 01000);
        assertEquals(0, fs.fgetattr(tr).size());
        fs.release(tr);
        fs.writeBackAll();
        errno(Errno.EISDIR, () -> fs.open(p("/data"), RDWR));
    }

    @Test
    void anUnlinkedOpenFileLivesUntilItsLastClose() throws Exception {
        fs.mkdir(p("/"), "unl", 0755, 0, 0);
        long fh = create("/unl", "tmp");
        fs.write(fh, 0, "before".getBytes(), 6);
        fs.unlink(p("/unl"), "tmp");
        errno(Errno.ENOENT, () -> fs.getattr(p("/unl/tmp")));
        fs.write(fh, 6, " after".getBytes(), 6);
        fs.fsync();
        assertEquals("before after", new String(fs.read(fh, 0, 100), StandardCharsets.US_ASCII));
        assertEquals(0, fs.fgetattr(fh).nlink() - 1);
        fs.release(fh);
        assertTrue(fs.readdir(p("/unl")).size() == 2);
    }

    @Test
    void attributesAndXattrs() throws Exception {
        fs.mkdir(p("/"), "attrs", 0755, 0, 0);
        writeFile("/attrs", "f", new byte[0]);
        fs.chmod(p("/attrs/f"), 07777);
        assertEquals(Attr.S_IFREG | 07777, fs.getattr(p("/attrs/f")).mode());
        fs.chown(p("/attrs/f"), 12, -1);
        assertEquals(12, fs.getattr(p("/attrs/f")).uid());
        assertEquals(1000, fs.getattr(p("/attrs/f")).gid());
        fs.utimens(p("/attrs/f"), 1000, 5, 2000, 7);
        Attr a = fs.getattr(p("/attrs/f"));
        assertEquals(1000_000_000_005L, a.atimeNanos());
        assertEquals(2000_000_000_007L, a.mtimeNanos());
        fs.utimens(p("/attrs/f"), 0, (1L << 30) - 2, 3000, 0); // atime omitted
        assertEquals(1000_000_000_005L, fs.getattr(p("/attrs/f")).atimeNanos());
        assertEquals(3000_000_000_000L, fs.getattr(p("/attrs/f")).mtimeNanos());
        fs.utimens(p("/attrs/f"), 0, (1L << 30) - 1, 0, (1L << 30) - 2); // atime now
        assertTrue(fs.getattr(p("/attrs/f")).atimeNanos() > 3000_000_000_000L);

        fs.setxattr(p("/attrs/f"), "user.a", "1".getBytes(), 0);
        errno(Errno.EEXIST, () -> fs.setxattr(p("/attrs/f"), "user.a", "2".getBytes(), 1));
        errno(Errno.ENODATA, () -> fs.setxattr(p("/attrs/f"), "user.b", "2".getBytes(), 2));
        fs.setxattr(p("/attrs/f"), "user.a", "3".getBytes(), 2);
        assertArrayEquals("3".getBytes(), fs.getxattr(p("/attrs/f"), "user.a"));
        errno(Errno.ENODATA, () -> fs.getxattr(p("/attrs/f"), "user.none"));
        errno(Errno.ENOTSUP, () -> fs.setxattr(p("/attrs/f"), "proxyfs.special", new byte[1], 0));
        // What ls -l asks of every entry: answered from the name alone, ENOENT still for no name.
        errno(Errno.ENOTSUP, () -> fs.setxattr(p("/attrs/f"), "system.posix_acl_access", new byte[4], 0));
        errno(Errno.ENODATA, () -> fs.getxattr(p("/attrs/f"), "system.posix_acl_access"));
        errno(Errno.ENODATA, () -> fs.getxattr(p("/attrs/f"), "proxyfs.atime"));
        errno(Errno.ENOENT, () -> fs.getxattr(p("/attrs/none"), "system.posix_acl_access"));
        assertEquals(List.of("user.a"), fs.listxattr(p("/attrs/f")), "reserved streams are hidden");
        fs.removexattr(p("/attrs/f"), "user.a");
        errno(Errno.ENODATA, () -> fs.removexattr(p("/attrs/f"), "user.a"));

        fs.mknod(p("/attrs"), "fifo", Attr.S_IFIFO | 0600, 0, 0, 0);
        fs.mknod(p("/attrs"), "dev", Attr.S_IFCHR | 0600, 0x0103, 0, 0);
        assertEquals(Attr.S_IFIFO | 0600, fs.getattr(p("/attrs/fifo")).mode());
        assertEquals(0x0103, fs.getattr(p("/attrs/dev")).rdev());
        assertTrue(fs.listxattr(p("/attrs/dev")).isEmpty());
        // setgid directories hand their group down.
        fs.mkdir(p("/attrs"), "sg", 02775, 0, 77);
        fs.mkdir(p("/attrs/sg"), "child", 0755, 5, 5);
        assertEquals(77, fs.getattr(p("/attrs/sg/child")).gid());
        assertEquals(02000, fs.getattr(p("/attrs/sg/child")).mode() & 02000);
        FileSystem.StatFs s = fs.statfs();
        assertTrue(s.files() > s.filesFree() && s.blocks() > s.blocksFree());
        assertEquals(255, s.nameMax());
    }

    @Test
    void localLocks() throws Exception {
        LocalLocks l = new LocalLocks();
        assertTrue(l.set(1, 10, LocalLocks.F_WRLCK, 0, 99, 1, false));
        assertFalse(l.set(1, 20, LocalLocks.F_RDLCK, 50, 60, 2, false));
        assertTrue(l.set(1, 20, LocalLocks.F_RDLCK, 100, 200, 2, false));
        assertEquals(10, l.test(1, 30, LocalLocks.F_RDLCK, 0, 10).owner());
        assertTrue(l.set(1, 10, LocalLocks.F_UNLCK, 50, 60, 1, false));
        assertTrue(l.set(1, 20, LocalLocks.F_RDLCK, 50, 60, 2, false), "the owner's lock was split");
        assertFalse(l.set(1, 20, LocalLocks.F_WRLCK, 0, 10, 2, false));
        l.releaseOwner(1, 10);
        assertTrue(l.set(1, 20, LocalLocks.F_WRLCK, 0, 10, 2, false));
        assertTrue(l.flock(2, 1, false, false));
        assertTrue(l.flock(2, 2, false, false));
        assertFalse(l.flock(2, 3, true, false));
        l.unflock(2, 1);
        l.unflock(2, 2);
        assertTrue(l.flock(2, 3, true, false));
    }

    @Test
    void aSecondMountSeesWhatTheFirstWrote() throws Exception {
        fs.mkdir(p("/"), "shared", 0755, 0, 0);
        byte[] data = new byte[300_000];
        new java.util.Random(5).nextBytes(data);
        writeFile("/shared", "f", data);
        FileSystem other = mount();
        assertArrayEquals(data, other.read(other.open(p("/shared/f"), 0), 0, 400_000));
        long fh = other.create(p("/shared"), "g", 0600, RDWR, 0, 0);
        other.write(fh, 0, "from the other".getBytes(), 14);
        other.release(fh);
        assertArrayEquals("from the other".getBytes(), readFile("/shared/g"));
        assertNotEquals(0, fs.getattr(p("/shared/g")).inode());
    }

    /**
     * The prefetch after a listing holds at most a window of heads nobody used (MaxSharedLeases,
     * 500 here): a plain listing of 700 entries loads at most 500 and then gives up; a listing
     * followed by a stat of every entry moves the window along and prefetches beyond it.
     */
    @Test
    @Timeout(300)
    void listingPrefetchStaysWithinItsWindowAndMovesWithUse() throws Exception {
        int n = 700;
        FsSettings big = new FsSettings(1024, 2048, 64 * 1024, Duration.ofSeconds(1), 255, 512);
        List<AutoCloseable> mine = new ArrayList<>();
        try {
            FileSystem maker = cluster.fileSystem(big, mine);
            maker.mkdir(p("/"), "window", 0755, 0, 0);
            for (int i = 0; i < n; i++) {
                maker.release(maker.create(p("/window"), String.format("e%04d", i), 0644, RDWR, 0, 0));
            }
            maker.fsync();
            maker.close(); // its leases go: the listings below take Shared ones without interrupts
            mine.remove(maker);

            FileSystem plain = cluster.fileSystem(big, mine);
            assertEquals(n + 2, plain.readdir(p("/window")).size());
            awaitStat(plain, "headPrefetchesGivenUp", 1);
            long prefetched = plain.stats().get("headsPrefetched");
            assertTrue(prefetched > 0 && prefetched <= 500, "prefetched " + prefetched + " of " + n);

            FileSystem statting = cluster.fileSystem(big, mine);
            statting.readdir(p("/window"));
            for (int i = 0; i < n; i++) {
                assertEquals(0644, statting.getattr(p("/window/" + String.format("e%04d", i))).mode() & 07777);
            }
            assertTrue(statting.stats().get("headsPrefetched") > 500,
                    "the window moved along: " + statting.stats().get("headsPrefetched"));
        } finally {
            for (int i = mine.size() - 1; i >= 0; i--) {
                mine.get(i).close();
            }
        }
    }

    private static void awaitStat(FileSystem f, String key, long value) throws InterruptedException {
        for (int i = 0; i < 1200 && f.stats().get(key) < value; i++) {
            Thread.sleep(50);
        }
        assertEquals(value, f.stats().get(key), key);
    }
}
