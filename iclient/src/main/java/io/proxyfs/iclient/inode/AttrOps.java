package io.proxyfs.iclient.inode;

import io.proxyfs.iclient.lease.LeaseState;
import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes and extended attributes: chmod (all 12 mode bits), chown, utimens (with
 * UTIME_NOW/UTIME_OMIT and explicit atimes), and xattrs kept in the inode's stream table
 * (XATTR_CREATE/XATTR_REPLACE, ENODATA, names under {@code proxyfs.} reserved). Methods run
 * inside {@link OpRunner} bodies.
 */
final class AttrOps {
    /** utimens: set this time to now. */
    static final long UTIME_NOW = (1L << 30) - 1;
    /** utimens: leave this time alone. */
    static final long UTIME_OMIT = (1L << 30) - 2;
    static final int XATTR_CREATE = 1;
    static final int XATTR_REPLACE = 2;

    private final FsContext ctx;

    AttrOps(FsContext ctx) {
        this.ctx = ctx;
    }

    private static void changed(Inode i) {
        long now = FsContext.nowNanos();
        i.ctimeNanos = now;
        i.markDirty(now);
    }

    void chmod(Inode i, int mode) {
        i.mode = mode & Attr.PERMISSIONS;
        changed(i);
    }

    /** chown; -1 (as u32 or u64) leaves an id alone. */
    void chown(Inode i, long uid, long gid) {
        if (uid != -1 && uid != 0xFFFFFFFFL) {
            i.uid = uid;
        }
        if (gid != -1 && gid != 0xFFFFFFFFL) {
            i.gid = gid;
        }
        changed(i);
    }

    /**
     * utimensat: each time is seconds and nanoseconds, or nanoseconds UTIME_NOW / UTIME_OMIT.
     * An explicit atime is kept in a reserved stream; otherwise atime follows mtime.
     */
    void utimens(Inode i, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec) {
        long now = FsContext.nowNanos();
        long oldAtime = Specials.atime(i);
        if (mtimeNsec != UTIME_OMIT) {
            i.mtimeNanos = mtimeNsec == UTIME_NOW ? now : mtimeSec * 1_000_000_000L + mtimeNsec;
        }
        long atime = atimeNsec == UTIME_OMIT ? oldAtime
                : atimeNsec == UTIME_NOW ? now : atimeSec * 1_000_000_000L + atimeNsec;
        if (atime == i.mtimeNanos) {
            i.streams.remove(Specials.ATIME);
        } else {
            i.streams.put(Specials.ATIME, Specials.nanos(atime));
        }
        i.ctimeNanos = now;
        i.markDirty(now);
    }

    private static void checkXattrName(String name) {
        if (Specials.reserved(name)) {
            throw new FsException(Errno.ENOTSUP, "xattr names under " + Specials.PREFIX + " are reserved");
        }
        if (name.startsWith("system.posix_acl_")) {
            // No POSIX ACLs: tools then fall back to chmod, as on any file system without them.
            throw new FsException(Errno.ENOTSUP, "POSIX ACLs are not supported");
        }
        if (name.isEmpty() || name.length() > 255) {
            throw new FsException(name.isEmpty() ? Errno.EINVAL : Errno.ERANGE, "bad xattr name");
        }
    }

    void setxattr(Inode i, String name, byte[] value, int flags) {
        checkXattrName(name);
        if ((flags & ~(XATTR_CREATE | XATTR_REPLACE)) != 0) {
            throw new FsException(Errno.EINVAL, "xattr flags " + flags);
        }
        boolean exists = i.streams.containsKey(name);
        if ((flags & XATTR_CREATE) != 0 && exists) {
            throw new FsException(Errno.EEXIST, name);
        }
        if ((flags & XATTR_REPLACE) != 0 && !exists) {
            throw new FsException(Errno.ENODATA, name);
        }
        i.streams.put(name, value.clone());
        changed(i);
    }

    /**
     * Whether no inode can have xattr {@code name}: reserved names and POSIX ACLs, which
     * {@link #setxattr} refuses. {@code ls -l} asks for {@code system.posix_acl_access} of every
     * entry; its answer (ENODATA) then needs only the name to exist, not the inode's head.
     */
    static boolean neverStored(String name) {
        return Specials.reserved(name) || name.startsWith("system.posix_acl_");
    }

    byte[] getxattr(Inode i, String name) {
        if (Specials.reserved(name)) {
            throw new FsException(Errno.ENODATA, name);
        }
        byte[] v = i.streams.get(name);
        if (v == null) {
            throw new FsException(Errno.ENODATA, name);
        }
        return v.clone();
    }

    List<String> listxattr(Inode i) {
        List<String> out = new ArrayList<>();
        for (String n : i.streams.keySet()) {
            if (!Specials.reserved(n)) {
                out.add(n);
            }
        }
        return out;
    }

    void removexattr(Inode i, String name) {
        checkXattrName(name);
        if (i.streams.remove(name) == null) {
            throw new FsException(Errno.ENODATA, name);
        }
        changed(i);
    }

    /** The inode for an attribute change, held Exclusive. */
    Inode forChange(long number) throws IOException, ImgrRpcException {
        return ctx.inode(number, LeaseState.EXCLUSIVE);
    }
}
