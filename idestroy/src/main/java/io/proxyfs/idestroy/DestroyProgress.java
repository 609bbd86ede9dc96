package io.proxyfs.idestroy;

/**
 * Where {@link ContainerEmptier} reports how far it got. Implementations are called from one
 * thread at a time (the emptier serializes its calls).
 */
public interface DestroyProgress {
    /** Called once before the first delete, with the object count the container reported. */
    void started(String container, long objectsReported);

    /** Called after each delete (or page of deletes) with the running totals. */
    void deleted(long deletedSoFar, long objectsReported);

    /** Called once at the end with the final figures. */
    void finished(DestroySummary summary);

    /** A terminal progress bar when standard output is a terminal, plain lines otherwise. */
    static DestroyProgress forConsole(java.io.PrintStream out) {
        return System.console() != null ? new TerminalProgressBar(out) : new PlainProgressLines(out);
    }
}
