package io.proxyfs.daemon;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of every daemon's {@code main}, as the original's {@code main.go}: parse the command
 * line, load the config and its overrides, set up logging from the daemon's section, start the
 * service, log "UP", then wait for signals (SIGHUP: reopen the log and {@link Service#signal()};
 * SIGINT/SIGTERM, or the service {@linkplain Service#ended() ending by itself}:
 * {@link Service#stop()}, log "DOWN"). Every refusal is one clear line on standard error and a
 * non-zero exit code; nothing is started before the config is fully valid.
 * Thread-safety: {@link #run} is meant to be called once, from the main thread.
 */
public final class DaemonRunner {
    /** Exit code for a wrong command line (usage printed). */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a config that cannot be loaded or is invalid, or a service that failed to start or stop. */
    public static final int EXIT_FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DaemonRunner.class);

    private final String daemonName;
    private final String section;
    private final PrintStream err;

    /**
     * @param daemonName the program name, for messages and usage
     * @param section the config section holding the logging keys ({@code IMGR}, {@code ICLIENT}, ...)
     * @param err where refusals are printed
     */
    public DaemonRunner(String daemonName, String section, PrintStream err) {
        this.daemonName = daemonName;
        this.section = section;
        this.err = err;
    }

    /** Runs the daemon until it is told to stop; returns the process exit code. */
    public int run(String[] args, ServiceFactory factory, Supplier<SignalSource> signals) {
        DaemonArgs parsed;
        try {
            parsed = DaemonArgs.parse(args);
        } catch (UsageException e) {
            err.println(daemonName + ": " + e.getMessage());
            err.println(DaemonArgs.usage(daemonName));
            return EXIT_USAGE;
        }
        ConfMap conf;
        try {
            conf = ConfMap.load(parsed.confFile(), parsed.overrides());
            DaemonLogging.configure(LogSettingsReader.read(conf, section));
        } catch (ConfException e) {
            err.println(daemonName + ": failed to load config: " + e.getMessage());
            return EXIT_FAILURE;
        }
        // Take over SIGINT/SIGTERM before starting: one arriving while the service starts is
        // queued and stops it cleanly once it is up, instead of killing the JVM half-started.
        SignalSource signalSource = signals.get();
        Service service;
        try {
            service = factory.start(conf);
        } catch (ConfException e) {
            err.println(daemonName + ": failed to load config: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (Exception e) {
            LOG.error("{} failed to start: {}", daemonName, e.getMessage());
            LOG.debug("{} start failure", daemonName, e);
            err.println(daemonName + ": failed to start: " + e.getMessage());
            return EXIT_FAILURE;
        }
        LOG.info("UP");
        try {
            waitForStop(service, signalSource);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("DOWN");
        try {
            service.stop();
        } catch (Exception e) {
            LOG.error("{} failed to stop cleanly: {}", daemonName, e.getMessage(), e);
            err.println(daemonName + ": failed to stop cleanly: " + e.getMessage());
            return EXIT_FAILURE;
        }
        return 0;
    }

    /**
     * Waits for SIGINT/SIGTERM or the service's own end, handling SIGHUPs meanwhile. Signals are
     * taken by a daemon thread (left blocked in {@link SignalSource#next()} when the service ends
     * by itself; the process exits after {@link #run} returns).
     */
    private void waitForStop(Service service, SignalSource signals) throws InterruptedException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Thread taker = new Thread(() -> {
            try {
                SignalSource.Kind k;
                do {
                    k = signals.next();
                    events.add(k);
                } while (k != SignalSource.Kind.STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, daemonName + "-signals");
        taker.setDaemon(true);
        taker.start();
        service.ended().thenAccept(reason -> events.add(new Ended(reason)));
        while (true) {
            Object event = events.take();
            if (event instanceof Ended e) {
                LOG.info("{} ended by itself: {}", daemonName, e.reason());
                taker.interrupt();
                return;
            }
            if (event != SignalSource.Kind.HUP) {
                return;
            }
            LOG.info("Received SIGHUP");
            DaemonLogging.reopen();
            try {
                service.signal();
            } catch (Exception e) {
                LOG.warn("{} SIGHUP handling failed: {}", daemonName, e.getMessage(), e);
            }
        }
    }

    private record Ended(String reason) {
    }
}
