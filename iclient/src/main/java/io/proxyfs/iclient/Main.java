package io.proxyfs.iclient;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.OsSignals;

/** Entry point of iclient: {@code iclient <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new DaemonRunner("iclient", IclientConfig.SECTION, System.err).run(args, Iclient::start,
                OsSignals::install));
    }
}
