package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Describes the file system a path lives on, for the report. Stateless. */
final class FileSystems {
    private FileSystems() {
    }

    /** e.g. "ext4 on /dev/vda". */
    static String describe(Path p) {
        try {
            var store = Files.getFileStore(p);
            return store.type() + " on " + store.name();
        } catch (IOException e) {
            return "file system unknown";
        }
    }
}
