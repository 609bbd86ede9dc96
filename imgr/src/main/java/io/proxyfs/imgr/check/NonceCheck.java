package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Checks that the checkpoint's ReservedToNonce covers every object and inode number in use:
 * object and inode numbers are nonces, and a lower ReservedToNonce would hand them out again.
 * Stateless.
 */
final class NonceCheck {
    private NonceCheck() {
    }

    static void verify(CheckPointV1 checkPoint, Collection<Long> objects, Collection<Long> inodes,
            Consumer<Problem> problems) {
        long reserved = checkPoint.reservedToNonce();
        long highestObject = highest(objects);
        long highestInode = highest(inodes);
        if (Long.compareUnsigned(highestObject, reserved) > 0) {
            problems.accept(Problem.ofObject(ProblemKind.BAD_CHECKPOINT, highestObject, "the checkpoint's ReservedToNonce "
                    + Long.toUnsignedString(reserved) + " is below this referenced object's number "
                    + ObjectNames.nameOf(highestObject) + ": its nonces would be reused"));
        }
        if (Long.compareUnsigned(highestInode, reserved) > 0) {
            problems.accept(Problem.ofInode(ProblemKind.BAD_CHECKPOINT, highestInode, Problem.NONE,
                    "the checkpoint's ReservedToNonce " + Long.toUnsignedString(reserved)
                            + " is below this inode's number: its nonces would be reused"));
        }
    }

    private static long highest(Collection<Long> numbers) {
        long max = LayoutConstants.CHECK_POINT_OBJECT_NUMBER;
        for (long n : numbers) {
            if (Long.compareUnsigned(n, max) > 0) {
                max = n;
            }
        }
        return max;
    }
}
