package io.proxyfs.daemon;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import sun.misc.Signal;

/**
 * The process's SIGHUP, SIGINT and SIGTERM, delivered in order through {@link #next()}. Installing
 * it replaces the JVM's default handling of those signals (so a SIGTERM no longer ends the process
 * by itself: the daemon's loop stops the service, then returns). Thread-safe.
 */
public final class OsSignals implements SignalSource {
    private final BlockingQueue<Kind> received = new LinkedBlockingQueue<>();

    private OsSignals() {
    }

    /** Installs handlers for SIGHUP, SIGINT and SIGTERM. */
    public static OsSignals install() {
        OsSignals signals = new OsSignals();
        Signal.handle(new Signal("HUP"), s -> signals.received.add(Kind.HUP));
        Signal.handle(new Signal("INT"), s -> signals.received.add(Kind.STOP));
        Signal.handle(new Signal("TERM"), s -> signals.received.add(Kind.STOP));
        return signals;
    }

    @Override
    public Kind next() throws InterruptedException {
        return received.take();
    }
}
