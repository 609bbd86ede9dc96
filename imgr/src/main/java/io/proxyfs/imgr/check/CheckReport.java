package io.proxyfs.imgr.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one check: every finding, what was counted, and (after a scrub) what was
 * deleted. Problems may be added from several threads. The volume is clean when no finding is
 * corruption; crash orphans alone leave it clean. Thread-safe.
 */
public final class CheckReport {
    private final String volume;
    private final List<Problem> findings = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private String checkPoint = "";
    private long inodes;
    private long directories;
    private long files;
    private long symlinks;
    private long objects;
    private long bytes;
    private boolean complete;

    /** @param volume where the volume is, e.g. its container URL */
    public CheckReport(String volume) {
        this.volume = volume;
    }

    /** Adds a finding. */
    public synchronized void add(Problem p) {
        findings.add(p);
    }

    /** Where the volume is. */
    public String volume() {
        return volume;
    }

    /** The corruption found, sorted by kind, inode and object. */
    public synchronized List<Problem> problems() {
        return sorted(findings.stream().filter(p -> p.kind().isCorruption()).toList());
    }

    /** The crash orphans found, by object number. */
    public synchronized List<Problem> orphans() {
        return sorted(findings.stream().filter(p -> !p.kind().isCorruption()).toList());
    }

    /** Whether no corruption was found (crash orphans allowed). */
    public synchronized boolean clean() {
        return findings.stream().noneMatch(p -> p.kind().isCorruption());
    }

    /** Records that the checker got to the end (false when it had to stop at the checkpoint or superblock). */
    synchronized void complete(boolean value) {
        complete = value;
    }

    /** Whether every stage ran. */
    public synchronized boolean complete() {
        return complete;
    }

    synchronized void checkPoint(String text) {
        checkPoint = text;
    }

    /** The checkpoint text read, or empty. */
    public synchronized String checkPoint() {
        return checkPoint;
    }

    synchronized void inodeCounts(long all, long dirs, long regular, long links) {
        inodes = all;
        directories = dirs;
        files = regular;
        symlinks = links;
    }

    synchronized void listing(long count, long size) {
        objects = count;
        bytes = size;
    }

    synchronized void deleted(String line) {
        deleted.add(line);
    }

    /** Inodes in the inode table. */
    public synchronized long inodes() {
        return inodes;
    }

    /** Directories among them (heads read). */
    public synchronized long directories() {
        return directories;
    }

    /** Regular files among them (heads read). */
    public synchronized long files() {
        return files;
    }

    /** Symbolic links among them (heads read). */
    public synchronized long symlinks() {
        return symlinks;
    }

    /** Objects in the container listing. */
    public synchronized long objects() {
        return objects;
    }

    /** Their bytes. */
    public synchronized long bytes() {
        return bytes;
    }

    /** What a scrub deleted, one line each. */
    public synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }

    private static List<Problem> sorted(List<Problem> list) {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(Problem::kind)
                .thenComparing(Problem::inode, Long::compareUnsigned)
                .thenComparing(Problem::object, Long::compareUnsigned)
                .thenComparing(Problem::message));
        return copy;
    }
}
