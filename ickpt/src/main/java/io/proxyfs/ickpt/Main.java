package io.proxyfs.ickpt;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.NotBuiltException;
import io.proxyfs.daemon.OsSignals;

/** Entry point of ickpt: {@code ickpt <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new DaemonRunner("ickpt", "ICKPT", System.err).run(args,
                conf -> {
                    throw new NotBuiltException("ickpt", 17);
                },
                OsSignals::install);
        System.exit(exitCode);
    }
}
