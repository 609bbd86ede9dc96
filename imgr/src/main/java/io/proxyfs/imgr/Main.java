package io.proxyfs.imgr;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.NotBuiltException;
import io.proxyfs.daemon.OsSignals;

/** Entry point of imgr: {@code imgr <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new DaemonRunner("imgr", "IMGR", System.err).run(args,
                conf -> {
                    ImgrConfig.from(conf);
                    throw new NotBuiltException("imgr", 15);
                },
                OsSignals::install);
        System.exit(exitCode);
    }
}
