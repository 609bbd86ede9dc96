package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Baseline (a): a plain directory on the local disk's file system. */
final class LocalDiskTarget implements Target {
    private final Path root;
    private final Caches caches;

    LocalDiskTarget(Path root, Caches caches) throws IOException {
        this.root = Files.createDirectories(root);
        this.caches = caches;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "local disk: a directory " + root + " (" + FileSystems.describe(root) + ")";
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public void makeCold() throws Exception {
        caches.drop();
    }

    @Override
    public void makeDurable() throws Exception {
        Commands.check(600, "sync", "-f", root.toString());
    }
}
