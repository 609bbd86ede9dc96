package io.proxyfs.imgr;

import io.proxyfs.daemon.DaemonRunner;
import io.proxyfs.daemon.OsSignals;

/** Entry point of imgr: {@code imgr <file>.conf [Section.Key=value ...]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new DaemonRunner("imgr", ImgrConfig.SECTION, System.err).run(args, Imgr::start,
                OsSignals::install));
    }
}
