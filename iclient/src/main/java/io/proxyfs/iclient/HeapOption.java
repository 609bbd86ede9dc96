package io.proxyfs.iclient;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.iclient.inode.HeapBudget;
import java.util.Arrays;

/**
 * Prints the {@code -Xmx} option iclient's launcher starts the JVM with, derived from the config
 * ({@link HeapBudget}), and on a second line the G1 region size that keeps read-cache lines from
 * being humongous objects: {@code HeapOption <file>.conf [Section.Key=value ...]}. Exit code 1
 * (and nothing printed) if the config cannot be read; the launcher then uses its fixed default.
 * Not thread-safe: a command-line program.
 */
public final class HeapOption {
    private HeapOption() {
    }

    /** The option for a loaded config, in whole MiB. */
    static String option(IclientConfig config) {
        long bytes = HeapBudget.bytes(config.readCacheLineSize(), config.readCacheLineCountMax(),
                config.fileFlushTriggerSize(), config.maxSharedLeases(), config.maxExclusiveLeases());
        return "-Xmx" + ((bytes + (1 << 20) - 1) >> 20) + "m";
    }

    /** The G1 region size option for a loaded config, in whole MiB. */
    static String regionOption(IclientConfig config) {
        return "-XX:G1HeapRegionSize=" + (HeapBudget.g1RegionBytes(config.readCacheLineSize()) >> 20) + "m";
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: HeapOption <file>.conf [Section.Key=value ...]");
            System.exit(2);
        }
        try {
            ConfMap conf = ConfMap.load(java.nio.file.Path.of(args[0]),
                    Arrays.asList(args).subList(1, args.length));
            IclientConfig config = IclientConfig.from(conf);
            System.out.println(option(config));
            System.out.println(regionOption(config));
        } catch (Exception e) {
            System.err.println("iclient: cannot size the heap from " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
