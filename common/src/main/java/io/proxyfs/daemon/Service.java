package io.proxyfs.daemon;

/**
 * A daemon's facade as its {@code main} drives it: started once, signalled on SIGHUP, stopped
 * once on SIGINT/SIGTERM or when it {@linkplain #ended() ended by itself}. Implementations say
 * their own thread-safety; {@link DaemonRunner} calls {@link #signal()} and {@link #stop()} from
 * its own thread, never concurrently with each other.
 */
public interface Service {
    /** Reacts to SIGHUP (the original reloads or reopens logs); the default does nothing more. */
    default void signal() throws Exception {
    }

    /** Stops the service, releasing everything it holds; called once. */
    void stop() throws Exception;

    /**
     * Completes, with the reason, if the service ended by itself (iclient: its mount was taken
     * away by {@code fusermount -u}); the runner then stops it as on SIGTERM. The default never
     * completes.
     */
    default java.util.concurrent.CompletionStage<String> ended() {
        return new java.util.concurrent.CompletableFuture<>();
    }
}
