package io.proxyfs.daemon;

/**
 * Where a daemon's main loop gets the signals it reacts to. {@link OsSignals} is the real one;
 * tests supply their own. Implementations must be safe to call from one waiting thread while
 * signals arrive on others.
 */
public interface SignalSource {
    /** The signals a daemon reacts to. */
    enum Kind {
        /** SIGHUP: reopen logs, reload what can be reloaded. */
        HUP,
        /** SIGINT or SIGTERM: stop cleanly. */
        STOP
    }

    /** Blocks until the next signal arrives. */
    Kind next() throws InterruptedException;
}
