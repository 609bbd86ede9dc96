package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.ObjectInfo;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares the container's listing, streamed one page at a time, with what the volume references:
 * a referenced object shorter than its furthest reference runs past its end; a referenced object
 * the listing lacks (confirmed by a HEAD, since a listing may lag) is lost; an unreferenced object
 * is a crash orphan when the superblock lists it as pending delete (its deletion had not
 * finished), when it was written after the superblock's object (Swift's last-modified time: no
 * durable checkpoint can have referenced it, so a client wrote it and crashed, or imgr crashed,
 * before a checkpoint took it in), or when it is numbered above the checkpoint's ReservedToNonce
 * (no reservation covers it); any other unreferenced object is a leak. Object numbers alone cannot
 * tell: clients and imgr draw them from one nonce sequence but use them at different times. A name
 * that is not an object number is foreign. Memory: the referenced objects seen and the
 * unreferenced ones. Not thread-safe.
 */
final class ListingVerifier {
    /** What the listing held. */
    record Totals(long objects, long bytes) {
    }

    /** An unreferenced object, classified once the superblock object's time is known. */
    private record Unreferenced(long number, long size, LocalDateTime lastModified) {
    }

    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final VolumeRoots roots;
    private final Consumer<Problem> problems;
    private final boolean partial;

    /**
     * @param partial whether earlier stages found damage that may hide references (unreferenced
     *                objects are then still reported as leaks, saying they may belong to what could
     *                not be read)
     */
    ListingVerifier(ContainerReader reader, ObjectUsage usage, VolumeRoots roots, Consumer<Problem> problems,
            boolean partial) {
        this.reader = reader;
        this.usage = usage;
        this.roots = roots;
        this.problems = problems;
        this.partial = partial;
    }

    /** Lists the container and checks every object; a failing listing is an {@link IOException}. */
    Totals verify() throws IOException {
        Set<Long> pending = new HashSet<>(roots.superBlock().pendingDeleteObjectNumberArray());
        Set<Long> seen = new HashSet<>();
        List<Unreferenced> unreferenced = new ArrayList<>();
        long superBlockObject = roots.checkPoint().superBlockObjectNumber();
        LocalDateTime superBlockWritten = null;
        long objects = 0;
        long bytes = 0;
        String marker = "";
        while (true) {
            List<ObjectInfo> page = reader.page(marker);
            if (page.isEmpty()) {
                break;
            }
            for (ObjectInfo o : page) {
                objects++;
                bytes += o.bytes();
                long number;
                try {
                    number = ObjectNames.numberOf(o.name());
                } catch (LayoutException e) {
                    problems.accept(Problem.ofVolume(ProblemKind.FOREIGN_OBJECT, "the container holds \"" + o.name()
                            + "\" (" + o.bytes() + " bytes), which is not an object name of the volume"));
                    continue;
                }
                if (usage.isReferenced(number)) {
                    seen.add(number);
                    present(number, o.bytes(), pending);
                    if (number == superBlockObject) {
                        superBlockWritten = time(o.lastModified());
                    }
                } else {
                    unreferenced.add(new Unreferenced(number, o.bytes(), time(o.lastModified())));
                }
            }
            marker = page.get(page.size() - 1).name();
        }
        for (Unreferenced u : unreferenced) {
            classify(u, pending, superBlockWritten);
        }
        List<Long> unseen = new ArrayList<>();
        for (long number : usage.objects()) {
            if (!seen.contains(number) && number != LayoutConstants.CHECK_POINT_OBJECT_NUMBER) {
                unseen.add(number);
            }
        }
        unseen.sort(Long::compareUnsigned);
        for (long number : unseen) {
            OptionalLong size = reader.size(number);
            if (size.isPresent()) {
                present(number, size.getAsLong(), pending);
            } else if (!usage.isReportedMissing(number)) {
                ObjectUsage.Reach r = usage.reachOf(number);
                problems.accept(Problem.ofInode(ProblemKind.MISSING_OBJECT, r.inode(), number,
                        "the container does not hold this object, referenced by the " + r.what()));
            }
        }
        return new Totals(objects, bytes);
    }

    private void present(long number, long size, Set<Long> pending) {
        ObjectUsage.Reach r = usage.reachOf(number);
        if (Long.compareUnsigned(r.end(), size) > 0) {
            problems.accept(Problem.ofInode(ProblemKind.BEYOND_OBJECT_END, r.inode(), number, "the " + r.what()
                    + " reaches byte " + Long.toUnsignedString(r.end()) + " but the object holds only " + size
                    + " bytes"));
        }
        if (pending.contains(number)) {
            problems.accept(Problem.ofInode(ProblemKind.REFERENCED_PENDING_DELETE, r.inode(), number,
                    "the superblock lists this object for deletion but the " + r.what() + " references it"));
        }
    }

    private void classify(Unreferenced u, Set<Long> pending, LocalDateTime superBlockWritten) {
        long number = u.number();
        long superBlockObject = roots.checkPoint().superBlockObjectNumber();
        long reserved = roots.checkPoint().reservedToNonce();
        if (pending.contains(number)) {
            problems.accept(Problem.ofObject(ProblemKind.CRASH_ORPHAN, number, "unreferenced (" + u.size()
                    + " bytes), listed as pending delete by the superblock: its deletion had not finished"));
        } else if (superBlockWritten != null && u.lastModified() != null
                && u.lastModified().isAfter(superBlockWritten)) {
            problems.accept(Problem.ofObject(ProblemKind.CRASH_ORPHAN, number, "unreferenced (" + u.size()
                    + " bytes), written at " + u.lastModified() + ", after the checkpoint's superblock object "
                    + ObjectNames.nameOf(superBlockObject) + " (" + superBlockWritten
                    + "): written after the last checkpoint and never referenced"));
        } else if (Long.compareUnsigned(number, reserved) > 0) {
            problems.accept(Problem.ofObject(ProblemKind.CRASH_ORPHAN, number, "unreferenced (" + u.size()
                    + " bytes), numbered above the checkpoint's ReservedToNonce " + Long.toUnsignedString(reserved)
                    + ": no reservation of the last checkpoint covers it"));
        } else {
            problems.accept(Problem.ofObject(ProblemKind.LEAKED_OBJECT, number, "unreferenced (" + u.size()
                    + " bytes), not pending delete, and written before the checkpoint's superblock object "
                    + ObjectNames.nameOf(superBlockObject)
                    + (partial ? " (it may belong to metadata reported unreadable above)" : "")));
        }
    }

    /** Swift's listing time ({@code 2026-12-07T00:56:02.123456}, UTC), or null when it does not parse. */
    private static LocalDateTime time(String lastModified) {
        try {
            return lastModified == null || lastModified.isEmpty() ? null : LocalDateTime.parse(lastModified);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
