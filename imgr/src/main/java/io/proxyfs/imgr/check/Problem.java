package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.ObjectNames;
import java.util.Objects;

/**
 * One finding of a check: its kind, the inode and object concerned (when there is one), the
 * inode's path (when known) and a sentence saying what is wrong. Immutable, so thread-safe.
 *
 * @param kind    what kind of finding
 * @param inode   the inode concerned, or {@link #NONE}
 * @param object  the object concerned, or {@link #NONE}
 * @param path    the inode's path from the root, or empty when unknown or not about an inode
 * @param message what is wrong, for people
 */
public record Problem(ProblemKind kind, long inode, long object, String path, String message) {
    /** The value of {@link #inode} or {@link #object} when the finding is not about one. */
    public static final long NONE = -1L;

    /** Refuses nulls. */
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** A finding about an inode (and possibly one of its objects). */
    public static Problem ofInode(ProblemKind kind, long inode, long object, String message) {
        return new Problem(kind, inode, object, "", message);
    }

    /** A finding about an object only. */
    public static Problem ofObject(ProblemKind kind, long object, String message) {
        return new Problem(kind, NONE, object, "", message);
    }

    /** A finding about the volume as a whole. */
    public static Problem ofVolume(ProblemKind kind, String message) {
        return new Problem(kind, NONE, NONE, "", message);
    }

    /** The same finding with the inode's path. */
    public Problem withPath(String inodePath) {
        return new Problem(kind, inode, object, inodePath, message);
    }

    /** One line: "code: inode N (path), object X: message". */
    public String toLine() {
        StringBuilder b = new StringBuilder(kind.code()).append(": ");
        if (inode != NONE) {
            b.append("inode ").append(Long.toUnsignedString(inode));
            if (!path.isEmpty()) {
                b.append(" (").append(path).append(')');
            }
            b.append(object != NONE ? ", " : ": ");
        }
        if (object != NONE) {
            b.append("object ").append(ObjectNames.nameOf(object)).append(": ");
        }
        return b.append(message).toString();
    }
}
