package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgr.check.CheckReport;
import io.proxyfs.imgr.check.Problem;
import io.proxyfs.imgr.check.ProblemKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How the crash campaigns judge an {@code icheck} report: damage fails the test; space a kill -9
 * can leak in this format is counted, not failed (docs/reliability.md): objects written and never
 * referenced before imgr checkpointed (the checker tells orphans from leaks by time), and an inode
 * whose last name a durable directory dropped while its DeleteInodeTableEntry never reached imgr
 * (unreachable, so its link table names a directory entry that is gone). Stateless.
 */
final class CrashDamage {
    /** What {@link Cluster#checkAndScrub(Predicate)} leaves for {@link #assertDamageFree} to judge. */
    static final Predicate<Problem> JUDGED_LATER = p -> switch (p.kind()) {
        case LEAKED_OBJECT, UNREACHABLE_INODE, WRONG_LINK_COUNT -> true;
        default -> false;
    };

    private CrashDamage() {
    }

    /** Fails with every damaging finding of {@code report}; returns how many leak findings it has. */
    static int assertDamageFree(CheckReport report, String when) {
        assertTrue(report.complete(), when + ": the check did not finish: " + report.problems());
        Set<Long> unreachable = new HashSet<>();
        for (Problem p : report.problems()) {
            if (p.kind() == ProblemKind.UNREACHABLE_INODE) {
                unreachable.add(p.inode());
            }
        }
        List<Problem> damage = report.problems().stream().filter(p -> !leak(p, unreachable)).toList();
        assertTrue(damage.isEmpty(), when + ": icheck found " + damage);
        return report.problems().size();
    }

    private static boolean leak(Problem p, Set<Long> unreachable) {
        return switch (p.kind()) {
            case LEAKED_OBJECT, UNREACHABLE_INODE -> true;
            case WRONG_LINK_COUNT -> unreachable.contains(p.inode());
            default -> false;
        };
    }
}
