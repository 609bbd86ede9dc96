package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutConstants;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks the name space once every inode was read: directory entries name inodes of the inode
 * table with their true type; each directory has "." naming itself and ".." naming its parent
 * (the root's ".." names the root), and exactly one other entry names it (none for the root);
 * each inode's link table holds exactly the (directory, name) pairs of the entries naming it — so
 * its link count is right, a directory counting its parent's entry, its "." and one ".." per
 * subdirectory, as the original keeps them; and every inode of the table is reachable from the
 * root. Also gives each reachable inode's path, for reports. Not thread-safe: one check per
 * instance.
 */
final class NamespaceVerifier {
    private static final int SHOWN = 5;

    private final Map<Long, InodeSummary> inodes;
    private final Set<Long> tableInodes;
    private final Consumer<Problem> problems;
    /** For each reachable inode but the root: the directory and name it was first reached by. */
    private final Map<Long, InodeLinkTableEntry> firstName = new HashMap<>();

    /**
     * @param inodes      the inodes whose heads decoded
     * @param tableInodes every inode number in the inode table (heads decoded or not)
     */
    NamespaceVerifier(Map<Long, InodeSummary> inodes, Set<Long> tableInodes, Consumer<Problem> problems) {
        this.inodes = inodes;
        this.tableInodes = tableInodes;
        this.problems = problems;
    }

    /** Runs every check. */
    void verify() {
        long root = LayoutConstants.ROOT_DIR_INODE_NUMBER;
        InodeSummary rootInode = inodes.get(root);
        if (!tableInodes.contains(root)) {
            problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY, root, Problem.NONE,
                    "the inode table has no root directory (inode 1)"));
        } else if (rootInode != null && rootInode.type() != InodeType.DIR) {
            problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY, root, Problem.NONE,
                    "the root (inode 1) is a " + rootInode.type() + ", not a directory"));
        }
        Map<Long, List<InodeLinkTableEntry>> namedBy = entries();
        directories(namedBy);
        linkTables(namedBy);
        reachability();
    }

    /** The path of a reachable inode ("/" for the root), or empty when it is not reachable. */
    String pathOf(long inode) {
        if (inode == LayoutConstants.ROOT_DIR_INODE_NUMBER) {
            return "/";
        }
        List<String> names = new ArrayList<>();
        long at = inode;
        Set<Long> seen = new HashSet<>();
        while (at != LayoutConstants.ROOT_DIR_INODE_NUMBER) {
            InodeLinkTableEntry by = firstName.get(at);
            if (by == null || !seen.add(at)) {
                return "";
            }
            names.add(by.parentDirEntryName());
            at = by.parentDirInodeNumber();
        }
        StringBuilder b = new StringBuilder();
        for (int i = names.size() - 1; i >= 0; i--) {
            b.append('/').append(names.get(i));
        }
        return b.toString();
    }

    /** Checks each entry's target and type; returns, per inode, the (directory, name) pairs naming it. */
    private Map<Long, List<InodeLinkTableEntry>> entries() {
        Map<Long, List<InodeLinkTableEntry>> namedBy = new HashMap<>();
        for (InodeSummary dir : sorted(inodes.values())) {
            for (InodeSummary.DirEntry e : dir.entries()) {
                String what = "the entry \"" + e.name() + "\" names inode " + Long.toUnsignedString(e.inodeNumber());
                if (e.name().isEmpty() || e.name().indexOf('/') >= 0 || e.name().indexOf('\0') >= 0) {
                    problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY_ENTRY, dir.inodeNumber(), Problem.NONE,
                            what + ", but an entry's name must be non-empty, without '/' or NUL"));
                }
                if (!tableInodes.contains(e.inodeNumber())) {
                    problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY_ENTRY, dir.inodeNumber(), Problem.NONE,
                            what + ", which the inode table does not hold"));
                    continue;
                }
                InodeSummary target = inodes.get(e.inodeNumber());
                if (target != null && target.type() != e.type()) {
                    problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY_ENTRY, dir.inodeNumber(), Problem.NONE,
                            what + " as a " + e.type() + " but that inode is a " + target.type()));
                }
                namedBy.computeIfAbsent(e.inodeNumber(), k -> new ArrayList<>())
                        .add(new InodeLinkTableEntry(dir.inodeNumber(), e.name()));
            }
        }
        return namedBy;
    }

    /** The "." and ".." rules and the single parent of each directory. */
    private void directories(Map<Long, List<InodeLinkTableEntry>> namedBy) {
        for (InodeSummary dir : sorted(inodes.values())) {
            if (dir.type() != InodeType.DIR || !dir.entriesKnown()) {
                continue;
            }
            long self = dir.inodeNumber();
            boolean isRoot = self == LayoutConstants.ROOT_DIR_INODE_NUMBER;
            List<Long> parents = new ArrayList<>();
            for (InodeLinkTableEntry by : namedBy.getOrDefault(self, List.of())) {
                if (!by.parentDirEntryName().equals(".") && !by.parentDirEntryName().equals("..")) {
                    parents.add(by.parentDirInodeNumber());
                }
            }
            Long parent = isRoot ? Long.valueOf(self) : parents.size() == 1 ? parents.get(0) : null;
            if (isRoot && !parents.isEmpty()) {
                dirProblem(self, "the root directory is named by " + parents.size() + " entries of directories "
                        + shown(parents));
            } else if (!isRoot && parents.isEmpty()) {
                dirProblem(self, "no directory entry names this directory (only \".\" or \"..\" entries do)");
            } else if (!isRoot && parents.size() > 1) {
                dirProblem(self, "this directory is named by " + parents.size() + " entries, in directories "
                        + shown(parents) + " (a directory has exactly one parent)");
            }
            Long dot = null;
            Long dotDot = null;
            for (InodeSummary.DirEntry e : dir.entries()) {
                if (e.name().equals(".")) {
                    dot = e.inodeNumber();
                } else if (e.name().equals("..")) {
                    dotDot = e.inodeNumber();
                }
            }
            if (dot == null) {
                dirProblem(self, "the directory has no \".\" entry");
            } else if (dot != self) {
                dirProblem(self, "the directory's \".\" names inode " + Long.toUnsignedString(dot) + ", not itself");
            }
            if (dotDot == null) {
                dirProblem(self, "the directory has no \"..\" entry");
            } else if (parent != null && dotDot.longValue() != parent.longValue()) {
                dirProblem(self, "the directory's \"..\" names inode " + Long.toUnsignedString(dotDot)
                        + " but its parent is inode " + Long.toUnsignedString(parent));
            }
        }
    }

    /** Each link table against the entries naming the inode. */
    private void linkTables(Map<Long, List<InodeLinkTableEntry>> namedBy) {
        Set<Long> unknownDirs = new HashSet<>();
        for (InodeSummary s : inodes.values()) {
            if (s.type() == InodeType.DIR && !s.entriesKnown()) {
                unknownDirs.add(s.inodeNumber());
            }
        }
        for (InodeSummary s : sorted(inodes.values())) {
            List<InodeLinkTableEntry> table = s.linkTable();
            List<InodeLinkTableEntry> named = namedBy.getOrDefault(s.inodeNumber(), List.of());
            List<InodeLinkTableEntry> notNamed = new ArrayList<>();
            Set<InodeLinkTableEntry> seen = new HashSet<>();
            List<InodeLinkTableEntry> duplicated = new ArrayList<>();
            Set<InodeLinkTableEntry> namedSet = new HashSet<>(named);
            for (InodeLinkTableEntry l : table) {
                if (!seen.add(l)) {
                    duplicated.add(l);
                } else if (!namedSet.contains(l) && !unknownDirs.contains(l.parentDirInodeNumber())) {
                    notNamed.add(l);
                }
            }
            List<InodeLinkTableEntry> notInTable = new ArrayList<>();
            for (InodeLinkTableEntry n : named) {
                if (!seen.contains(n)) {
                    notInTable.add(n);
                }
            }
            if (notNamed.isEmpty() && notInTable.isEmpty() && duplicated.isEmpty()) {
                continue;
            }
            StringBuilder b = new StringBuilder("the link table has " + table.size() + " entries (link count "
                    + table.size() + ") but " + named.size() + " directory entries name the inode");
            if (!notInTable.isEmpty()) {
                b.append("; entries missing from the link table: ").append(pairs(notInTable));
            }
            if (!notNamed.isEmpty()) {
                b.append("; link-table entries no directory holds: ").append(pairs(notNamed));
            }
            if (!duplicated.isEmpty()) {
                b.append("; listed twice: ").append(pairs(duplicated));
            }
            problems.accept(Problem.ofInode(ProblemKind.WRONG_LINK_COUNT, s.inodeNumber(), s.headObject(), b.toString()));
        }
    }

    /** A walk from the root along entries other than "." and ".."; every inode not met is unreachable. */
    private void reachability() {
        long root = LayoutConstants.ROOT_DIR_INODE_NUMBER;
        Set<Long> reached = new HashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        if (tableInodes.contains(root)) {
            reached.add(root);
            queue.add(root);
        }
        while (!queue.isEmpty()) {
            InodeSummary dir = inodes.get(queue.poll());
            if (dir == null || dir.type() != InodeType.DIR) {
                continue;
            }
            for (InodeSummary.DirEntry e : dir.entries()) {
                if (e.name().equals(".") || e.name().equals("..") || !tableInodes.contains(e.inodeNumber())) {
                    continue;
                }
                if (reached.add(e.inodeNumber())) {
                    firstName.put(e.inodeNumber(), new InodeLinkTableEntry(dir.inodeNumber(), e.name()));
                    queue.add(e.inodeNumber());
                }
            }
        }
        boolean partial = inodes.values().stream().anyMatch(s -> s.type() == InodeType.DIR && !s.entriesKnown())
                || inodes.size() < tableInodes.size();
        List<Long> all = new ArrayList<>(tableInodes);
        all.sort(Long::compareUnsigned);
        for (long inode : all) {
            if (!reached.contains(inode)) {
                InodeSummary s = inodes.get(inode);
                problems.accept(Problem.ofInode(ProblemKind.UNREACHABLE_INODE, inode,
                        s == null ? Problem.NONE : s.headObject(),
                        "no path from the root reaches this inode" + (s == null ? "" : " (a " + s.type() + ")")
                                + (partial ? " (some directories could not be read, so it may sit under one of them)"
                                        : "")));
            }
        }
    }

    private void dirProblem(long dir, String message) {
        problems.accept(Problem.ofInode(ProblemKind.BAD_DIRECTORY, dir, Problem.NONE, message));
    }

    private static List<InodeSummary> sorted(java.util.Collection<InodeSummary> all) {
        List<InodeSummary> list = new ArrayList<>(all);
        list.sort((a, b) -> Long.compareUnsigned(a.inodeNumber(), b.inodeNumber()));
        return list;
    }

    private static String shown(List<Long> inodes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, inodes.size()); i++) {
            names.add(Long.toUnsignedString(inodes.get(i)));
        }
        return String.join(", ", names) + (inodes.size() > SHOWN ? ", ..." : "");
    }

    private static String pairs(List<InodeLinkTableEntry> entries) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, entries.size()); i++) {
            InodeLinkTableEntry e = entries.get(i);
            shown.add("(" + Long.toUnsignedString(e.parentDirInodeNumber()) + ", \"" + e.parentDirEntryName() + "\")");
        }
        return String.join(", ", shown) + (entries.size() > SHOWN ? ", ..." : "");
    }
}
