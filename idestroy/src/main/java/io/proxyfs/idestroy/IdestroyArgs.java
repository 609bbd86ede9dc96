package io.proxyfs.idestroy;

import io.proxyfs.daemon.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * idestroy's command line: {@code idestroy <file>.conf [--force] [Section.Key=value ...]}: the
 * original's arguments plus {@code --force} (empty the container even while imgr reports the volume
 * mounted). Immutable.
 *
 * @param daemonArgs the config file and overrides, as every program of the project takes them
 * @param force      whether {@code --force} was given
 */
public record IdestroyArgs(String[] daemonArgs, boolean force) {
    /** The usage line. */
    public static final String USAGE = "usage: idestroy <file>.conf [--force] [Section.Key=value ...]";

    /** Splits {@code --force} (anywhere after the config file) from the rest. */
    public static IdestroyArgs parse(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>();
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i > 0 && (a.equals("--force") || a.equals("-f"))) {
                force = true;
            } else if (i > 0 && a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else {
                rest.add(a);
            }
        }
        return new IdestroyArgs(rest.toArray(String[]::new), force);
    }
}
