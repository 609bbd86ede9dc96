package io.proxyfs.idestroy;

import java.io.PrintStream;

/**
 * Progress as plain lines (for logs and pipes): one line at the start, one every second of work
 * at most, one at the end. Not thread-safe; {@link ContainerEmptier} serializes its calls.
 */
public final class PlainProgressLines implements DestroyProgress {
    private final PrintStream out;
    private long lastLineNanos;

    public PlainProgressLines(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(String container, long objectsReported) {
        out.println("idestroy: emptying container " + container + " (" + objectsReported + " objects)");
        lastLineNanos = System.nanoTime();
    }

    @Override
    public void deleted(long deletedSoFar, long objectsReported) {
        long now = System.nanoTime();
        if (now - lastLineNanos >= 1_000_000_000L) {
            out.println("idestroy: deleted " + deletedSoFar + " / " + objectsReported);
            lastLineNanos = now;
        }
    }

    @Override
    public void finished(DestroySummary summary) {
        out.println("idestroy: " + summary.describe());
    }
}
