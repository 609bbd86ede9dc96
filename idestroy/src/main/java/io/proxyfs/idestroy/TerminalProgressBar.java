package io.proxyfs.idestroy;

import java.io.PrintStream;

/**
 * Progress as a bar redrawn in place ({@code \r}) on a terminal, at most ten times a second.
 * Not thread-safe; {@link ContainerEmptier} serializes its calls.
 */
public final class TerminalProgressBar implements DestroyProgress {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private long lastDrawNanos;

    public TerminalProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(String container, long objectsReported) {
        out.println("idestroy: emptying container " + container + " (" + objectsReported + " objects)");
        draw(0, objectsReported);
    }

    @Override
    public void deleted(long deletedSoFar, long objectsReported) {
        long now = System.nanoTime();
        if (now - lastDrawNanos >= 100_000_000L) {
            draw(deletedSoFar, objectsReported);
            lastDrawNanos = now;
        }
    }

    @Override
    public void finished(DestroySummary summary) {
        draw(summary.deleted() + summary.alreadyGone(), Math.max(1, summary.deleted() + summary.alreadyGone()));
        out.println();
        out.println("idestroy: " + summary.describe());
    }

    /** The bar for {@code done} of {@code total} (total may be an estimate that done passes). */
    static String bar(long done, long total) {
        long shownTotal = Math.max(total, done);
        int filled = shownTotal == 0 ? WIDTH : (int) (WIDTH * done / shownTotal);
        int percent = shownTotal == 0 ? 100 : (int) (100 * done / shownTotal);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + done + "/" + shownTotal;
    }

    private void draw(long done, long total) {
        out.print("\r" + bar(done, total));
        out.flush();
    }
}
