package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client creates many files in a directory while another lists it over and over, so imgr
 * takes the directory's lease back from the writer again and again: the writer is never
 * force-unmounted (giving up the lease stays quick, since each closed file is already written
 * back), every listing the reader gets is a prefix-consistent view (the count never goes down),
 * and at the end both see every file.
 */
@Timeout(300)
class CreateWhileListingIT {
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
    void theWriterKeepsItsMountAndTheReaderNeverSeesFilesDisappear() throws Exception {
        // -Dproxyfs.createWhileListing.realSwift=true runs it on the real Swift (slow: by hand).
        cluster = new Cluster(Boolean.getBoolean("proxyfs.createWhileListing.realSwift"), dir);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Iclient writer = cluster.mount(a);
        cluster.mount(b);
        Files.createDirectories(a.resolve("many"));
        int n = Integer.getInteger("proxyfs.createWhileListing.files", 600);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong listings = new AtomicLong();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        List<Long> counts = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    if (Files.isDirectory(b.resolve("many"))) {
                        try (Stream<Path> s = Files.list(b.resolve("many"))) {
                            long c = s.count();
                            synchronized (counts) {
                                counts.add(c);
                            }
                        }
                        listings.incrementAndGet();
                    }
                    Thread.sleep(20);
                }
            } catch (Throwable t) {
                readerFailure.set(t);
            }
        }, "lister");
        reader.start();
        for (int i = 0; i < n; i++) {
            Files.writeString(a.resolve("many/f" + i), "file " + i);
        }
        done.set(true);
        reader.join(60_000);
        if (readerFailure.get() != null) {
            throw new AssertionError("the reader failed", readerFailure.get());
        }
        assertTrue(listings.get() > 5, "the reader listed the directory while it grew (" + listings.get() + ")");
        long previous = 0;
        synchronized (counts) {
            for (long c : counts) {
                assertTrue(c >= previous, "a listing lost files: " + counts);
                previous = c;
            }
        }
        assertEquals(0L, writer.stats().get("imgrRemounts"), "the writer was never force-unmounted");
        try (Stream<Path> s = Files.list(b.resolve("many"))) {
            assertEquals(n, s.count());
        }
        assertEquals("file " + (n - 1), Files.readString(b.resolve("many/f" + (n - 1))));
        System.out.println("CreateWhileListingIT: " + n + " files, " + listings.get() + " listings, leases given up by the writer: "
                + (writer.stats().get("leaseDemotes") + writer.stats().get("leaseReleases")));
    }
}
