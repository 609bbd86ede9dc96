package io.proxyfs.iclient;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.NotBuiltException;
import io.proxyfs.daemon.OsSignals;

/** Entry point of iclient: {@code iclient <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new DaemonRunner("iclient", "ICLIENT", System.err).run(args,
                conf -> {
                    throw new NotBuiltException("iclient", 16);
                },
                OsSignals::install);
        System.exit(exitCode);
    }
}
