package io.proxyfs.imgr.check;

import io.proxyfs.daemon.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * icheck's command line: {@code icheck <file>.conf [--scrub] [--json] [Section.Key=value ...]},
 * the iclient's config file as idestroy takes it. Immutable.
 *
 * @param daemonArgs the config file and overrides
 * @param scrub      delete the crash orphans after a clean check
 * @param json       print the report as JSON
 */
public record IcheckArgs(String[] daemonArgs, boolean scrub, boolean json) {
    /** The usage line. */
    public static final String USAGE = "usage: icheck <file>.conf [--scrub] [--json] [Section.Key=value ...]";

    /** Splits the options (anywhere after the config file) from the rest. */
    public static IcheckArgs parse(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>();
        boolean scrub = false;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i > 0 && a.equals("--scrub")) {
                scrub = true;
            } else if (i > 0 && a.equals("--json")) {
                json = true;
            } else if (i > 0 && a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else {
                rest.add(a);
            }
        }
        return new IcheckArgs(rest.toArray(String[]::new), scrub, json);
    }
}
