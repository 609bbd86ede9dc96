package io.proxyfs.idestroy;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.DaemonArgs;
import io.proxyfs.daemon.DaemonLogging;
import io.proxyfs.daemon.LogSettingsReader;
import io.proxyfs.daemon.UsageException;
import io.proxyfs.iauth.AuthException;
import java.io.IOException;

/**
 * Entry point of idestroy: {@code idestroy <file>.conf [--force] [Section.Key=value ...]}, the
 * iclient's config file as the original. Exit codes: 0 emptied, 1 failed (said why), 2 usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        IdestroyArgs parsed;
        DaemonArgs daemonArgs;
        try {
            parsed = IdestroyArgs.parse(args);
            daemonArgs = DaemonArgs.parse(parsed.daemonArgs());
        } catch (UsageException e) {
            System.err.println("idestroy: " + e.getMessage());
            System.err.println(IdestroyArgs.USAGE);
            return 2;
        }
        IdestroySettings settings;
        try {
            ConfMap conf = ConfMap.load(daemonArgs.confFile(), daemonArgs.overrides());
            DaemonLogging.configure(LogSettingsReader.read(conf, IdestroySettings.SECTION));
            settings = IdestroySettings.read(conf, System.getenv());
        } catch (ConfException e) {
            System.err.println("idestroy: failed to load config: " + e.getMessage());
            return 1;
        }
        try {
            new Idestroy(settings, parsed.force(), System.out, DestroyProgress.forConsole(System.out)).run();
            return 0;
        } catch (AuthException e) {
            System.err.println("idestroy: authentication failed: " + e.getMessage());
            return 1;
        } catch (ContainerMissingException | VolumeMountedException e) {
            System.err.println("idestroy: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("idestroy: failed: " + e.getMessage());
            return 1;
        }
    }
}
