package io.proxyfs.bench.fs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything the benchmark must undo (stop a daemon, unmount, delete a container or a folder),
 * undone in reverse order by {@link #run}, once, whether the run ended normally, failed or was
 * interrupted (a JVM shutdown hook calls it on Ctrl-C). Thread-safe.
 */
final class Teardown {
    /** One undo step. */
    interface Step {
        void undo() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<String> problems = new ArrayList<>();
    private boolean done;

    /** Registers a step; if teardown already ran, runs it at once. */
    void add(Step step) {
        boolean late;
        synchronized (this) {
            late = done;
            if (!late) {
                steps.push(step);
            }
        }
        if (late) {
            undo(step);
        }
    }

    /** Undoes everything registered, newest first; problems are collected, not thrown. */
    void run() {
        while (true) {
            Step s;
            synchronized (this) {
                done = true;
                s = steps.poll();
            }
            if (s == null) {
                return;
            }
            undo(s);
        }
    }

    /** What went wrong while undoing (empty if all was undone). */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private void undo(Step s) {
        try {
            s.undo();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                problems.add(e.toString());
            }
        }
    }
}
