package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One check of a volume, top down: checkpoint and superblock ({@link RootsReader}), the inode
 * table ({@link InodeTableWalk}), every inode ({@link InodeVerifier}, {@code parallelism} at a
 * time), the name space ({@link NamespaceVerifier}), the superblock's totals
 * ({@link SuperBlockAccounting}) and the container's listing ({@link ListingVerifier}). Then,
 * optionally, {@link Scrubber}. Not thread-safe: one {@link #check} per instance; it uses its own
 * worker threads and stops them before returning.
 */
public final class Icheck {
    private final ContainerReader reader;
    private final int parallelism;
    private final long validateLimit;
    private final ObjectUsage usage = new ObjectUsage();
    private VolumeRoots roots;

    /**
     * @param reader      the volume's container
     * @param parallelism inodes read at once (at least 1)
     */
    public Icheck(ContainerReader reader, int parallelism) {
        this(reader, parallelism, TreeCheck.VALIDATE_LIMIT);
    }

    /** @param validateLimit trees up to this many items are validated whole, bigger ones streamed */
    Icheck(ContainerReader reader, int parallelism, long validateLimit) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.reader = reader;
        this.parallelism = parallelism;
        this.validateLimit = validateLimit;
    }

    /**
     * Checks the volume. Findings go into the report; an {@link IOException} means the check could
     * not finish (the listing failed), and {@link InterruptedException} that it was interrupted.
     */
    public CheckReport check(String volume) throws IOException, InterruptedException {
        CheckReport report = new CheckReport(volume);
        Consumer<Problem> problems = report::add;
        roots = new RootsReader(reader, usage, problems).read();
        if (roots == null) {
            return report;
        }
        report.checkPoint(new String(roots.checkPointBytes(), StandardCharsets.UTF_8).strip());
        Map<Long, InodeSummary> inodes = new ConcurrentHashMap<>();
        Set<Long> tableInodes = ConcurrentHashMap.newKeySet();
        boolean tableWhole = walkInodes(problems, inodes, tableInodes);
        NamespaceVerifier namespace = new NamespaceVerifier(inodes, tableInodes, problems);
        if (tableWhole) {
            namespace.verify();
            if (inodes.size() == tableInodes.size()) {
                SuperBlockAccounting.verify(roots.superBlock(), inodes.values(), problems);
            }
        }
        NonceCheck.verify(roots.checkPoint(), usage.objects(), tableInodes, problems);
        long dirs = inodes.values().stream().filter(s -> s.type() == InodeType.DIR).count();
        long files = inodes.values().stream().filter(s -> s.type() == InodeType.FILE).count();
        report.inodeCounts(tableInodes.size(), dirs, files, inodes.size() - dirs - files);
        ListingVerifier.Totals totals = new ListingVerifier(reader, usage, roots, problems, !report.clean()).verify();
        report.listing(totals.objects(), totals.bytes());
        if (!Arrays.equals(reader.checkPoint(), roots.checkPointBytes())) {
            problems.accept(Problem.ofObject(ProblemKind.CHANGED_DURING_CHECK, 0, "the checkpoint changed while the "
                    + "check ran (is imgr serving the volume?); run icheck again with the volume not served"));
        }
        report.complete(true);
        return withPaths(report, namespace, inodes);
    }

    /**
     * Deletes the crash orphans of a {@link #check}ed volume, after making sure the check was
     * complete and clean and the checkpoint has not changed since; records each deletion in the
     * report. Throws {@link ScrubRefusedException} when it must not scrub.
     */
    public void scrub(CheckReport report) throws IOException, ScrubRefusedException {
        new Scrubber(reader, usage, roots).scrub(report);
    }

    private boolean walkInodes(Consumer<Problem> problems, Map<Long, InodeSummary> inodes, Set<Long> tableInodes)
            throws InterruptedException {
        InodeVerifier verifier = new InodeVerifier(reader, usage, problems, validateLimit);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "icheck-inode");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(parallelism * 4);
        boolean[] interrupted = {false};
        boolean whole;
        try {
            whole = new InodeTableWalk(reader, usage, problems, validateLimit).walk(roots.superBlock(),
                    (Long inode, InodeTableEntryValueV1 entry) -> {
                        tableInodes.add(inode);
                        try {
                            inFlight.acquire();
                        } catch (InterruptedException e) {
                            interrupted[0] = true;
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                        pool.execute(() -> {
                            try {
                                InodeSummary s = verifier.verify(inode, entry);
                                if (s != null) {
                                    inodes.put(inode, s);
                                }
                            } catch (RuntimeException e) {
                                problems.accept(Problem.ofInode(ProblemKind.READ_FAILED, inode,
                                        entry.inodeHeadObjectNumber(), "checking this inode failed: " + e));
                            } finally {
                                inFlight.release();
                            }
                        });
                    });
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.DAYS);
        }
        if (interrupted[0]) {
            throw new InterruptedException("interrupted while checking inodes");
        }
        return whole;
    }

    private static CheckReport withPaths(CheckReport report, NamespaceVerifier namespace,
            Map<Long, InodeSummary> inodes) {
        CheckReport out = new CheckReport(report.volume());
        out.checkPoint(report.checkPoint());
        out.inodeCounts(report.inodes(), report.directories(), report.files(), report.symlinks());
        out.listing(report.objects(), report.bytes());
        out.complete(report.complete());
        Set<Problem> all = new HashSet<>(report.problems());
        all.addAll(report.orphans());
        for (Problem p : all) {
            String path = p.inode() == Problem.NONE ? "" : namespace.pathOf(p.inode());
            out.add(path.isEmpty() ? p : p.withPath(path));
        }
        return out;
    }
}
