package io.proxyfs.idestroy;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.NotBuiltException;
import io.proxyfs.daemon.OsSignals;

/** Entry point of idestroy: {@code idestroy <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new DaemonRunner("idestroy", "ICLIENT", System.err).run(args,
                conf -> {
                    throw new NotBuiltException("idestroy", 18);
                },
                OsSignals::install);
        System.exit(exitCode);
    }
}
