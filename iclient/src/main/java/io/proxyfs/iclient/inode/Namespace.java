package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.sortedmap.BPlusTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Names: resolving a path's components to an inode through directory B+trees, and the changes
 * that add or remove directory entries and links. Every method runs under the file-system lock
 * inside an {@link OpRunner} body; it takes its leases (throwing {@link NeedLeaseException})
 * before it changes anything. Not thread-safe on its own.
 */
final class Namespace {
    static final long ROOT = 1;

    private final FsContext ctx;
    /** A number taken from the nonces for the next new inode, kept across retries of one operation. */
    private long freshCandidate;

    Namespace(FsContext ctx) {
        this.ctx = ctx;
    }

    /** Refuses "." and "..", names with '/' or NUL, and names longer than FUSENameLenMax bytes. */
    void checkName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf(0) >= 0) {
            throw new FsException(Errno.EINVAL, "bad name \"" + name + "\"");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > ctx.settings.nameLenMax()) {
            throw new FsException(Errno.ENAMETOOLONG, "name longer than " + ctx.settings.nameLenMax() + " bytes");
        }
    }

    /** The inode {@code path} (components below the root) names. */
    long resolve(List<String> path) throws IOException, ImgrRpcException {
        long current = ROOT;
        for (String name : path) {
            if (name.getBytes(StandardCharsets.UTF_8).length > ctx.settings.nameLenMax()) {
                throw new FsException(Errno.ENAMETOOLONG, "name longer than " + ctx.settings.nameLenMax() + " bytes");
            }
            Inode dir = ctx.inode(current, LeaseState.SHARED);
            DirectoryEntryValueV1 e = ctx.directory(dir).get(name);
            if (e == null) {
                throw new FsException(Errno.ENOENT, name);
            }
            current = e.inodeNumber();
        }
        return current;
    }

    /** The directory {@code path} names, with {@code lease}. */
    Inode directory(List<String> path, LeaseState lease) throws IOException, ImgrRpcException {
        Inode dir = ctx.inode(resolve(path), lease);
        if (!dir.isDir()) {
            throw new FsException(Errno.ENOTDIR, String.join("/", path));
        }
        return dir;
    }

    /** A number for a new inode with its Exclusive lease held (or a retry to take it). */
    private long freshInode() throws IOException, ImgrRpcException {
        if (freshCandidate == 0) {
            freshCandidate = ctx.nonces.next();
        }
        ctx.require(freshCandidate, LeaseState.EXCLUSIVE);
        return freshCandidate;
    }

    private void freshUsed() {
        freshCandidate = 0;
    }

    /**
     * Adds a new inode named {@code name} in {@code parent}; the parent must be held Exclusive
     * and the name free.
     */
    private Inode newChild(Inode parent, String name, InodeType type, int mode, long uid, long gid)
            throws IOException, ImgrRpcException {
        long number = freshInode();
        long now = FsContext.nowNanos();
        if ((parent.mode & 02000) != 0) {
            gid = parent.gid;
            if (type == InodeType.DIR) {
                mode |= 02000;
            }
        }
        Inode child = Inode.create(number, type, mode & Attr.PERMISSIONS, uid, gid, now);
        freshUsed();
        child.links.add(new InodeLinkTableEntry(parent.number, name));
        ctx.directory(parent).put(name, new DirectoryEntryValueV1(number, type));
        touch(parent, now);
        ctx.add(child);
        return child;
    }

    private static void touch(Inode dir, long now) {
        dir.mtimeNanos = now;
        dir.ctimeNanos = now;
        dir.markDirty(now);
    }

    private Inode parentForCreate(List<String> parentPath, String name) throws IOException, ImgrRpcException {
        checkName(name);
        Inode parent = directory(parentPath, LeaseState.EXCLUSIVE);
        if (ctx.directory(parent).get(name) != null) {
            throw new FsException(Errno.EEXIST, name);
        }
        return parent;
    }

    /** mkdir(2). */
    Inode mkdir(List<String> parentPath, String name, int mode, long uid, long gid) throws IOException, ImgrRpcException {
        Inode parent = parentForCreate(parentPath, name);
        Inode child = newChild(parent, name, InodeType.DIR, mode, uid, gid);
        BPlusTree<String, DirectoryEntryValueV1> tree = ctx.directory(child);
        tree.put(".", new DirectoryEntryValueV1(child.number, InodeType.DIR));
        tree.put("..", new DirectoryEntryValueV1(parent.number, InodeType.DIR));
        child.links.add(new InodeLinkTableEntry(child.number, "."));
        parent.links.add(new InodeLinkTableEntry(child.number, ".."));
        return child;
    }

    /**
     * The file {@code name} in {@code parentPath}, made if absent (open with O_CREAT); with
     * {@code exclusive} (O_EXCL) an existing name is EEXIST.
     */
    Inode createFile(List<String> parentPath, String name, int mode, long uid, long gid, boolean exclusive)
            throws IOException, ImgrRpcException {
        checkName(name);
        Inode parent = directory(parentPath, LeaseState.SHARED);
        DirectoryEntryValueV1 e = ctx.directory(parent).get(name);
        if (e != null) {
            if (exclusive) {
                throw new FsException(Errno.EEXIST, name);
            }
            Inode existing = ctx.inode(e.inodeNumber(), LeaseState.SHARED);
            if (existing.isDir()) {
                throw new FsException(Errno.EISDIR, name);
            }
            return existing;
        }
        parent = ctx.inode(parent.number, LeaseState.EXCLUSIVE);
        return newChild(parent, name, InodeType.FILE, mode, uid, gid);
    }

    /** mknod(2): a regular file, or a FIFO, socket or device kept as a file with a reserved stream. */
    Inode mknod(List<String> parentPath, String name, int mode, long rdev, long uid, long gid)
            throws IOException, ImgrRpcException {
        int type = mode & Attr.S_IFMT;
        if (type != 0 && type != Attr.S_IFREG && type != Attr.S_IFIFO && type != Attr.S_IFSOCK
                && type != Attr.S_IFCHR && type != Attr.S_IFBLK) {
            throw new FsException(Errno.EINVAL, "mknod of type " + Integer.toOctalString(type));
        }
        Inode parent = parentForCreate(parentPath, name);
        Inode child = newChild(parent, name, InodeType.FILE, mode, uid, gid);
        if (type != 0 && type != Attr.S_IFREG) {
            child.streams.put(Specials.SPECIAL, Specials.special(type, rdev));
        }
        return child;
    }

    /** symlink(2). */
    Inode symlink(String target, List<String> parentPath, String name, long uid, long gid)
            throws IOException, ImgrRpcException {
        Inode parent = parentForCreate(parentPath, name);
        Inode child = newChild(parent, name, InodeType.SYMLINK, 0777, uid, gid);
        child.symLinkTarget = target;
        return child;
    }

    /** readlink(2). */
    String readlink(List<String> path) throws IOException, ImgrRpcException {
        Inode i = ctx.inode(resolve(path), LeaseState.SHARED);
        if (!i.isSymlink()) {
            throw new FsException(Errno.EINVAL, "not a symbolic link");
        }
        return i.symLinkTarget;
    }

    /** link(2): another name for a non-directory. */
    Inode link(List<String> existingPath, List<String> parentPath, String name) throws IOException, ImgrRpcException {
        long target = resolve(existingPath);
        Inode parent = parentForCreate(parentPath, name);
        Inode t = ctx.inode(target, LeaseState.EXCLUSIVE);
        if (t.isDir()) {
            throw new FsException(Errno.EPERM, "hard link to a directory");
        }
        long now = FsContext.nowNanos();
        t.links.add(new InodeLinkTableEntry(parent.number, name));
        t.ctimeNanos = now;
        t.markDirty(now);
        ctx.directory(parent).put(name, new DirectoryEntryValueV1(t.number, t.type));
        touch(parent, now);
        return t;
    }

    /** unlink(2). */
    void unlink(List<String> parentPath, String name) throws IOException, ImgrRpcException {
        Inode parent = directory(parentPath, LeaseState.EXCLUSIVE);
        DirectoryEntryValueV1 e = ctx.directory(parent).get(name);
        if (e == null) {
            throw new FsException(Errno.ENOENT, name);
        }
        Inode child = ctx.inode(e.inodeNumber(), LeaseState.EXCLUSIVE);
        if (child.isDir()) {
            throw new FsException(Errno.EISDIR, name);
        }
        long now = FsContext.nowNanos();
        ctx.directory(parent).delete(name);
        touch(parent, now);
        child.links.remove(new InodeLinkTableEntry(parent.number, name));
        child.ctimeNanos = now;
        child.markDirty(now);
        if (child.links.isEmpty()) {
            orphan(child);
        }
    }

    /** rmdir(2). */
    void rmdir(List<String> parentPath, String name) throws IOException, ImgrRpcException {
        if (name.equals(".")) {
            throw new FsException(Errno.EINVAL, "rmdir of .");
        }
        if (name.equals("..")) {
            throw new FsException(Errno.ENOTEMPTY, "rmdir of ..");
        }
        Inode parent = directory(parentPath, LeaseState.EXCLUSIVE);
        DirectoryEntryValueV1 e = ctx.directory(parent).get(name);
        if (e == null) {
            throw new FsException(Errno.ENOENT, name);
        }
        Inode child = ctx.inode(e.inodeNumber(), LeaseState.EXCLUSIVE);
        if (!child.isDir()) {
            throw new FsException(Errno.ENOTDIR, name);
        }
        if (ctx.directory(child).size() > 2) {
            throw new FsException(Errno.ENOTEMPTY, name);
        }
        long now = FsContext.nowNanos();
        ctx.directory(parent).delete(name);
        parent.links.remove(new InodeLinkTableEntry(child.number, ".."));
        touch(parent, now);
        child.links.clear();
        orphan(child);
    }

    /** An inode no directory names any more: deleted in imgr after the next write-back (or its last close). */
    private void orphan(Inode child) {
        child.unlinked = true;
        ctx.pendingDeletes.add(child.number);
        if (child.opens == 0) {
            ctx.inodes.remove(child.number);
            ctx.forgetUnlinked.accept(child);
        }
    }

    /** rename(2), with its POSIX rules; atomic (one lock hold, one write-back). */
    void rename(List<String> fromParent, String fromName, List<String> toParent, String toName)
            throws IOException, ImgrRpcException {
        checkName(toName);
        if (fromName.equals(".") || fromName.equals("..")) {
            throw new FsException(Errno.EINVAL, "rename of " + fromName);
        }
        Inode src = directory(fromParent, LeaseState.EXCLUSIVE);
        DirectoryEntryValueV1 e = ctx.directory(src).get(fromName);
        if (e == null) {
            throw new FsException(Errno.ENOENT, fromName);
        }
        Inode dst = directory(toParent, LeaseState.EXCLUSIVE);
        Inode child = ctx.inode(e.inodeNumber(), LeaseState.EXCLUSIVE);
        if (child.isDir() && src.number != dst.number) {
            for (long up = dst.number; ; ) {
                if (up == child.number) {
                    throw new FsException(Errno.EINVAL, "rename of a directory into its own subtree");
                }
                if (up == ROOT) {
                    break;
                }
                DirectoryEntryValueV1 dotdot = ctx.directory(ctx.inode(up, LeaseState.SHARED)).get("..");
                if (dotdot == null) {
                    break;
                }
                up = dotdot.inodeNumber();
            }
        }
        DirectoryEntryValueV1 existing = ctx.directory(dst).get(toName);
        Inode victim = null;
        if (existing != null) {
            if (existing.inodeNumber() == child.number) {
                return;
            }
            victim = ctx.inode(existing.inodeNumber(), LeaseState.EXCLUSIVE);
            if (child.isDir()) {
                if (!victim.isDir()) {
                    throw new FsException(Errno.ENOTDIR, toName);
                }
                if (ctx.directory(victim).size() > 2) {
                    throw new FsException(Errno.ENOTEMPTY, toName);
                }
            } else if (victim.isDir()) {
                throw new FsException(Errno.EISDIR, toName);
            }
        }
        long now = FsContext.nowNanos();
        if (victim != null) {
            ctx.directory(dst).delete(toName);
            if (victim.isDir()) {
                dst.links.remove(new InodeLinkTableEntry(victim.number, ".."));
                victim.links.clear();
            } else {
                victim.links.remove(new InodeLinkTableEntry(dst.number, toName));
            }
            victim.ctimeNanos = now;
            victim.markDirty(now);
            if (victim.links.isEmpty()) {
                orphan(victim);
            }
        }
        ctx.directory(src).delete(fromName);
        ctx.directory(dst).put(toName, new DirectoryEntryValueV1(child.number, child.type));
        child.links.remove(new InodeLinkTableEntry(src.number, fromName));
        child.links.add(new InodeLinkTableEntry(dst.number, toName));
        if (child.isDir() && src.number != dst.number) {
            ctx.directory(child).patch("..", new DirectoryEntryValueV1(dst.number, InodeType.DIR));
            src.links.remove(new InodeLinkTableEntry(child.number, ".."));
            dst.links.add(new InodeLinkTableEntry(child.number, ".."));
        }
        child.ctimeNanos = now;
        child.markDirty(now);
        touch(src, now);
        touch(dst, now);
    }

    /** A directory entry as readdir reports it. */
    record Entry(String name, long inode, InodeType type) {
    }

    /** readdir(3): every entry, "." and ".." included, in name order. */
    List<Entry> list(List<String> path) throws IOException, ImgrRpcException {
        Inode dir = directory(path, LeaseState.SHARED);
        List<Entry> out = new java.util.ArrayList<>();
        var it = ctx.directory(dir).iterator();
        while (it.hasNext()) {
            var m = it.next();
            out.add(new Entry(m.getKey(), m.getValue().inodeNumber(), m.getValue().inodeType()));
        }
        return out;
    }

    static boolean isRoot(long inode) {
        return inode == LayoutConstants.ROOT_DIR_INODE_NUMBER;
    }
}
