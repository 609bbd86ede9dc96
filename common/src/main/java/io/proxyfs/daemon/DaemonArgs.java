package io.proxyfs.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A daemon's command line: the config file and the {@code Section.Key=value} overrides that
 * follow it, as the original's daemons take them. Immutable.
 *
 * @param confFile the {@code .conf} file to load
 * @param overrides the overrides, applied in order after the file
 */
public record DaemonArgs(Path confFile, List<String> overrides) {

    public DaemonArgs {
        overrides = List.copyOf(overrides);
    }

    /**
     * Parses {@code args}; refuses a missing or unreadable config file and options it does not
     * know (anything starting with {@code -}).
     */
    public static DaemonArgs parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no .conf file specified");
        }
        String first = args[0];
        if (first.startsWith("-")) {
            throw new UsageException("unknown option " + first);
        }
        Path confFile = Path.of(first);
        if (!Files.isRegularFile(confFile)) {
            throw new UsageException("config file " + first + " does not exist or is not a file");
        }
        if (!Files.isReadable(confFile)) {
            throw new UsageException("config file " + first + " is not readable");
        }
        return new DaemonArgs(confFile, List.of(args).subList(1, args.length));
    }

    /** The usage line for the named daemon. */
    public static String usage(String daemonName) {
        return "usage: " + daemonName + " <file>.conf [Section.Key=value ...]";
    }
}
