package io.proxyfs.imgr.check;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.DaemonArgs;
import io.proxyfs.daemon.DaemonLogging;
import io.proxyfs.daemon.LogSettingsReader;
import io.proxyfs.daemon.UsageException;
import io.proxyfs.iauth.AuthException;
import io.proxyfs.iauth.PlugInAuth;
import io.proxyfs.swift.ContainerUrl;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;

/**
 * Entry point of icheck: {@code icheck <file>.conf [--scrub] [--json] [Section.Key=value ...]}.
 * Exit codes: 0 clean (crash orphans allowed), 1 problems found or the check failed, 2 usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        IcheckArgs parsed;
        IcheckSettings settings;
        try {
            parsed = IcheckArgs.parse(args);
            DaemonArgs daemonArgs = DaemonArgs.parse(parsed.daemonArgs());
            ConfMap conf = ConfMap.load(daemonArgs.confFile(), daemonArgs.overrides());
            DaemonLogging.configure(LogSettingsReader.read(conf, IcheckSettings.SECTION));
            settings = IcheckSettings.read(conf);
        } catch (UsageException e) {
            System.err.println("icheck: " + e.getMessage());
            System.err.println(IcheckArgs.USAGE);
            return 2;
        } catch (ConfException e) {
            System.err.println("icheck: failed to load config: " + e.getMessage());
            return 1;
        }
        try {
            PlugInAuth auth = PlugInAuth.from(settings.auth());
            String url = auth.result().storageUrl();
            try (SwiftClient swift = new SwiftClient(auth, settings.swift())) {
                ContainerReader reader = new ContainerReader(swift, ContainerUrl.parse(url).container());
                if (!reader.exists()) {
                    System.err.println("icheck: container " + url + " does not exist");
                    return 1;
                }
                Icheck icheck = new Icheck(reader, settings.parallelism());
                CheckReport report = icheck.check(url);
                int exit = report.clean() && report.complete() ? 0 : 1;
                if (parsed.scrub()) {
                    try {
                        icheck.scrub(report);
                    } catch (ScrubRefusedException e) {
                        System.err.println("icheck: " + e.getMessage());
                        exit = 1;
                    }
                }
                if (parsed.json()) {
                    ReportWriter.json(report, System.out);
                } else {
                    ReportWriter.text(report, System.out);
                }
                return exit;
            }
        } catch (AuthException e) {
            System.err.println("icheck: authentication failed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("icheck: check failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("icheck: interrupted");
            return 1;
        }
    }
}
