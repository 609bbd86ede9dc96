package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.SuperBlockV1;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks the superblock's inode totals against the inodes: InodeObjectCount must equal the number
 * of distinct objects holding a live inode's head or listed in a live inode's layout (imgr takes
 * exactly these out of the count when it reclaims an inode), InodeBytesWritten and
 * InodeBytesReferenced the sums of the inode layouts' BytesWritten and BytesReferenced (heads are
 * not counted, as in the original's format). Only meaningful when every inode head was read.
 * Stateless.
 */
final class SuperBlockAccounting {
    private SuperBlockAccounting() {
    }

    static void verify(SuperBlockV1 superBlock, Collection<InodeSummary> inodes, Consumer<Problem> problems) {
        Set<Long> objects = new HashSet<>();
        long written = 0;
        long referenced = 0;
        for (InodeSummary s : inodes) {
            objects.add(s.headObject());
            objects.addAll(s.layoutObjects());
            written += s.bytesWritten();
            referenced += s.bytesReferenced();
        }
        check(problems, "InodeObjectCount", superBlock.inodeObjectCount(), objects.size(),
                "distinct objects hold inode heads or inode layout entries");
        check(problems, "InodeBytesWritten", superBlock.inodeBytesWritten(), written,
                "is the sum of the inode layouts' BytesWritten");
        check(problems, "InodeBytesReferenced", superBlock.inodeBytesReferenced(), referenced,
                "is the sum of the inode layouts' BytesReferenced");
    }

    private static void check(Consumer<Problem> problems, String field, long declared, long actual, String what) {
        if (declared != actual) {
            problems.accept(Problem.ofVolume(ProblemKind.BAD_ACCOUNTING, "the superblock says " + field + " "
                    + Long.toUnsignedString(declared) + " but " + Long.toUnsignedString(actual) + " " + what));
        }
    }
}
