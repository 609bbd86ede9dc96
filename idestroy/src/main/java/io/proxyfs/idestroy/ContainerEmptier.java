package io.proxyfs.idestroy;

import io.proxyfs.swift.ContainerInfo;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deletes every object of a Swift container: lists it a page at a time with {@code marker},
 * deletes each page's objects in parallel (at most {@code parallelism} at once), then lists the
 * container again and deletes what that listing still shows (objects written meanwhile, or names
 * a lagging listing repeats, which then answer 404 and count as already gone). The container
 * itself is kept. The first delete that fails stops the run with that failure. Not thread-safe:
 * one {@link #empty} at a time.
 */
public final class ContainerEmptier {
    private final SwiftClient swift;
    private final int parallelism;
    private final int pageSize;

    /**
     * @param swift       client authorized for the container's account
     * @param parallelism deletes in flight at once (&ge; 1)
     * @param pageSize    objects per listing request (1..10,000)
     */
    public ContainerEmptier(SwiftClient swift, int parallelism, int pageSize) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (pageSize < 1 || pageSize > SwiftClient.MAX_LISTING_LIMIT) {
            throw new IllegalArgumentException("pageSize must be 1.." + SwiftClient.MAX_LISTING_LIMIT + ", got " + pageSize);
        }
        this.swift = swift;
        this.parallelism = parallelism;
        this.pageSize = pageSize;
    }

    /** Empties {@code container}, reporting to {@code progress}. */
    public DestroySummary empty(String container, DestroyProgress progress) throws IOException, ContainerMissingException {
        long start = System.nanoTime();
        ContainerInfo info;
        try {
            info = swift.headContainer(container);
        } catch (SwiftException e) {
            if (e.isNotFound()) {
                throw new ContainerMissingException(container);
            }
            throw e;
        }
        progress.started(container, info.objectCount());
        Counts counts = new Counts(info.objectCount(), progress);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "idestroy-delete");
            t.setDaemon(true);
            return t;
        });
        try {
            deleteAllListed(container, pool, counts);
            if (!swift.listObjects(container, "", 1).isEmpty()) {
                deleteAllListed(container, pool, counts);
            }
        } finally {
            pool.shutdownNow();
        }
        long remaining = swift.listAllObjects(container, pageSize).size();
        DestroySummary summary = new DestroySummary(container, counts.deleted, counts.alreadyGone, remaining,
                info.bytesUsed(), Duration.ofNanos(System.nanoTime() - start));
        progress.finished(summary);
        return summary;
    }

    private void deleteAllListed(String container, ExecutorService pool, Counts counts) throws IOException {
        String marker = "";
        while (true) {
            List<ObjectInfo> page = swift.listObjects(container, marker, pageSize);
            if (page.isEmpty()) {
                return;
            }
            deletePage(container, page, pool, counts);
            marker = page.get(page.size() - 1).name();
        }
    }

    private void deletePage(String container, List<ObjectInfo> page, ExecutorService pool, Counts counts)
            throws IOException {
        CompletionService<Boolean> done = new ExecutorCompletionService<>(pool);
        for (ObjectInfo object : page) {
            done.submit(() -> swift.deleteObject(container, object.name()));
        }
        for (int i = 0; i < page.size(); i++) {
            boolean existed;
            try {
                Future<Boolean> f = done.take();
                existed = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("idestroy interrupted after deleting " + counts.deleted + " objects");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new IOException("deleting objects of " + container + " failed after " + counts.deleted
                            + " deletes: " + io.getMessage(), io);
                }
                throw new IllegalStateException("delete failed unexpectedly: " + cause, cause);
            }
            counts.record(existed);
        }
    }

    /** Running totals, touched only by the thread running {@link #empty}. */
    private static final class Counts {
        final long reported;
        final DestroyProgress progress;
        long deleted;
        long alreadyGone;

        Counts(long reported, DestroyProgress progress) {
            this.reported = reported;
            this.progress = progress;
        }

        void record(boolean existed) {
            if (existed) {
                deleted++;
            } else {
                alreadyGone++;
            }
            progress.deleted(deleted + alreadyGone, reported);
        }
    }
}
