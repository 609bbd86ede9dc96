package io.proxyfs.ickpt;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.OsSignals;

/** Entry point of ickpt: {@code ickpt <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new DaemonRunner("ickpt", IckptConfig.SECTION, System.err).run(args, Ickpt::start,
                OsSignals::install));
    }
}
