package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real FUSE mount on the emulator: basic java.nio operations, then unmount and remount. */
@Timeout(120)
class FsBasicsIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void filesAndDirectoriesSurviveARemount() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        Files.createDirectories(mnt.resolve("a/b"));
        Files.write(mnt.resolve("a/b/f.bin"), data);
        Files.writeString(mnt.resolve("hello.txt"), "hello world\n");
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("a/b/f.bin")));
        assertEquals("hello world\n", Files.readString(mnt.resolve("hello.txt")));
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(List.of("a", "hello.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        cluster.unmount(c);
        assertFalse(MountPoint.isMounted(mnt));
        Iclient again = cluster.mount(mnt);
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("a/b/f.bin")));
        assertEquals("hello world\n", Files.readString(mnt.resolve("hello.txt")));
        assertTrue(Files.isDirectory(mnt.resolve("a/b")));
        cluster.unmount(again);
        cluster.assertConsistent();
    }

    /**
     * Holes and data read through FUSE straight into the kernel's buffer: from the unsent object,
     * then (after a remount) from Swift through the read cache; the holes must read as zeros even
     * though the buffer FUSE hands iclient is not cleared.
     */
    @Test
    void holesReadAsZerosThroughFuseBeforeAndAfterARemount() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt);
        Path f = mnt.resolve("sparse.bin");
        byte[] head = new byte[70_000];
        byte[] middle = new byte[200_000];
        new Random(2).nextBytes(head);
        new Random(3).nextBytes(middle);
        long middleAt = 3L * 1024 * 1024 + 5;
        long size = 6L * 1024 * 1024 + 11;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(head);
            raf.seek(middleAt);
            raf.write(middle);
            raf.setLength(size); // a hole at the end too
        }
        byte[] expected = new byte[(int) size];
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(middle, 0, expected, (int) middleAt, middle.length);
        // fill the kernel's buffers with non-zero bytes first, so a hole left unwritten would show
        byte[] noise = new byte[(int) size];
        java.util.Arrays.fill(noise, (byte) 0x77);
        Files.write(mnt.resolve("noise.bin"), noise);
        assertArrayEquals(noise, Files.readAllBytes(mnt.resolve("noise.bin")));
        assertArrayEquals(expected, Files.readAllBytes(f));
        cluster.unmount(c);
        Iclient again = cluster.mount(mnt);
        assertArrayEquals(noise, Files.readAllBytes(mnt.resolve("noise.bin")));
        assertArrayEquals(expected, Files.readAllBytes(f));
        cluster.unmount(again);
        cluster.assertConsistent();
    }
}
