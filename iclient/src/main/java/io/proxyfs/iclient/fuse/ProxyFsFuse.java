package io.proxyfs.iclient.fuse;

import io.proxyfs.iclient.inode.Attr;
import io.proxyfs.iclient.inode.Errno;
import io.proxyfs.iclient.inode.FileSystem;
import io.proxyfs.iclient.inode.ReadSink;
import io.proxyfs.iclient.inode.FsException;
import io.proxyfs.iclient.inode.LocalLocks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import jnr.ffi.types.dev_t;
import jnr.ffi.types.gid_t;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.uid_t;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Flock;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * The FUSE adapter on jnr-fuse (libfuse 2, high-level, path-based): every callback is one line
 * handing paths (split into names) or the handle in {@code fi.fh} to {@link FileSystem} through
 * {@link FuseCall}, which maps failures to errno. Handles, not paths, drive reads and writes, so
 * an unlinked open file keeps working ({@code hard_remove}, {@code nullpath_ok}).
 *
 * <p>Thread-safe: libfuse calls from many threads; all state is in {@link FileSystem}.
 */
public final class ProxyFsFuse extends FuseStubFS {
    private static final int F_GETLK = 5;
    private static final int F_SETLK = 6;
    private static final int F_SETLKW = 7;
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final int LOCK_UN = 8;

    private final FileSystem fs;
    private final FuseCall call;
    private final String fsName;
    private final Runnable sessionEnded;

    /**
     * @param fs the file system
     * @param call the callback wrapper (trace, counts, errno)
     * @param fsName the name shown by mount(8) and df(1)
     * @param sessionEnded run once libfuse's session has ended (the mount is gone: ours, or
     *     someone's {@code fusermount -u}); called on libfuse's thread, must not block
     */
    public ProxyFsFuse(FileSystem fs, FuseCall call, String fsName, Runnable sessionEnded) {
        this.fs = fs;
        this.call = call;
        this.fsName = fsName;
        this.sessionEnded = sessionEnded;
        // nullpath_ok (bit 0): ops on an unlinked open file come with a null path;
        // utime_omit_ok (bit 2): UTIME_NOW and UTIME_OMIT reach utimens unchanged.
        Pointer ops = Struct.getMemory(fuseOperations);
        long at = flagsOffset(fuseOperations.flag_nullpath_ok);
        ops.putInt(at, ops.getInt(at) | 1 | 4);
    }

    /**
     * Where the flag bits sit in {@code struct fuse_operations}: jnr-ffi keeps member offsets
     * package-private, so read it reflectively; libfuse 2.9 puts them after 38 pointers.
     */
    private static long flagsOffset(Object member) {
        try {
            java.lang.reflect.Method m = Class.forName("jnr.ffi.Struct$AbstractMember").getDeclaredMethod("offset");
            m.setAccessible(true);
            return ((Number) m.invoke(member)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 38L * 8;
        }
    }

    /**
     * libfuse's session ended: the kernel unmounted the file system. jnr-fuse is told it is no
     * longer mounted, so that neither {@link #umount()} nor its exit hook calls {@code fuse_exit}
     * on the session libfuse has freed or lazily unmounts whatever is mounted at the path now.
     */
    @Override
    public void destroy(Pointer initResult) {
        mounted.set(false);
        sessionEnded.run();
    }

    /**
     * From now on neither {@link #umount()} nor jnr-fuse's exit hook runs {@code fusermount -u}
     * on the mount point, which would unmount whatever is mounted last there: for when that is
     * not our mount. Ours, if still mounted underneath, is cut off (ENOTCONN) when the process exits.
     */
    public void leaveMountPointAlone() {
        mounted.set(false);
    }

    @Override
    protected String getFSName() {
        return fsName;
    }

    private long uid() {
        return getContext().uid.get();
    }

    private long gid() {
        return getContext().gid.get();
    }

    private static void fill(FileStat st, Attr a) {
        st.st_ino.set(a.inode());
        st.st_mode.set(a.mode());
        st.st_nlink.set(a.nlink());
        st.st_uid.set(a.uid());
        st.st_gid.set(a.gid());
        st.st_rdev.set(a.rdev());
        st.st_size.set(a.size());
        st.st_blocks.set(a.blocks());
        st.st_blksize.set(4096);
        st.st_atim.tv_sec.set(Math.floorDiv(a.atimeNanos(), 1_000_000_000L));
        st.st_atim.tv_nsec.set(Math.floorMod(a.atimeNanos(), 1_000_000_000L));
        st.st_mtim.tv_sec.set(Math.floorDiv(a.mtimeNanos(), 1_000_000_000L));
        st.st_mtim.tv_nsec.set(Math.floorMod(a.mtimeNanos(), 1_000_000_000L));
        st.st_ctim.tv_sec.set(Math.floorDiv(a.ctimeNanos(), 1_000_000_000L));
        st.st_ctim.tv_nsec.set(Math.floorMod(a.ctimeNanos(), 1_000_000_000L));
    }

    private static List<String> c(String path) {
        return FusePaths.components(path);
    }

    private static List<String> parent(String path) {
        return FusePaths.parent(path);
    }

    private static String name(String path) {
        return FusePaths.name(path);
    }

    @Override
    public int getattr(String path, FileStat stat) {
        return call.run("getattr", path, () -> {
            fill(stat, fs.getattr(c(path)));
            return 0;
        });
    }

    @Override
    public int fgetattr(String path, FileStat stat, FuseFileInfo fi) {
        return call.run("fgetattr", path, () -> {
            fill(stat, fs.fgetattr(fi.fh.get()));
            return 0;
        });
    }

    @Override
    public int access(String path, int mask) {
        return call.run("access", path, () -> {
            fs.getattr(c(path));
            return 0;
        });
    }

    @Override
    public int readlink(String path, Pointer buf, @size_t long size) {
        return call.run("readlink", path, () -> {
            byte[] target = fs.readlink(c(path)).getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(target.length, size - 1);
            buf.put(0, target, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        });
    }

    @Override
    public int mknod(String path, @mode_t long mode, @dev_t long rdev) {
        return call.run("mknod", path, () -> {
            fs.mknod(parent(path), name(path), (int) mode, rdev, uid(), gid());
            return 0;
        });
    }

    @Override
    public int mkdir(String path, @mode_t long mode) {
        return call.run("mkdir", path, () -> {
            fs.mkdir(parent(path), name(path), (int) mode, uid(), gid());
            return 0;
        });
    }

    @Override
    public int unlink(String path) {
        return call.run("unlink", path, () -> {
            fs.unlink(parent(path), name(path));
            return 0;
        });
    }

    @Override
    public int rmdir(String path) {
        return call.run("rmdir", path, () -> {
            fs.rmdir(parent(path), name(path));
            return 0;
        });
    }

    @Override
    public int symlink(String target, String path) {
        return call.run("symlink", path, () -> {
            fs.symlink(target, parent(path), name(path), uid(), gid());
            return 0;
        });
    }

    @Override
    public int rename(String oldpath, String newpath) {
        return call.run("rename", oldpath + " -> " + newpath, () -> {
            fs.rename(parent(oldpath), name(oldpath), parent(newpath), name(newpath));
            return 0;
        });
    }

    @Override
    public int link(String oldpath, String newpath) {
        return call.run("link", oldpath + " -> " + newpath, () -> {
            fs.link(c(oldpath), parent(newpath), name(newpath));
            return 0;
        });
    }

    @Override
    public int chmod(String path, @mode_t long mode) {
        return call.run("chmod", path, () -> {
            fs.chmod(c(path), (int) mode);
            return 0;
        });
    }

    @Override
    public int chown(String path, @uid_t long uid, @gid_t long gid) {
        return call.run("chown", path, () -> {
            fs.chown(c(path), uid, gid);
            return 0;
        });
    }

    @Override
    public int truncate(String path, @off_t long size) {
        return call.run("truncate", path, () -> {
            fs.truncate(c(path), size);
            return 0;
        });
    }

    @Override
    public int ftruncate(String path, @off_t long size, FuseFileInfo fi) {
        return call.run("ftruncate", path, () -> {
            fs.ftruncate(fi.fh.get(), size);
            return 0;
        });
    }

    @Override
    public int utimens(String path, Timespec[] ts) {
        return call.run("utimens", path, () -> {
            fs.utimens(c(path), ts[0].tv_sec.get(), ts[0].tv_nsec.longValue(), ts[1].tv_sec.get(),
                    ts[1].tv_nsec.longValue());
            return 0;
        });
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        return call.run("open", path, () -> {
            fi.fh.set(fs.open(c(path), fi.flags.get()));
            return 0;
        });
    }

    @Override
    public int create(String path, @mode_t long mode, FuseFileInfo fi) {
        return call.run("create", path, () -> {
            fi.fh.set(fs.create(parent(path), name(path), (int) mode, fi.flags.get(), uid(), gid()));
            return 0;
        });
    }

    @Override
    public int read(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return call.run("read", path, () -> {
            // copied from the read cache or write buffers straight into FUSE's buffer
            return fs.read(fi.fh.get(), offset, (int) size, new ReadSink() {
                @Override
                public void put(int at, byte[] src, int srcOffset, int length) {
                    buf.put(at, src, srcOffset, length);
                }

                @Override
                public void zero(int at, int length) {
                    buf.setMemory(at, length, (byte) 0);
                }
            });
        });
    }

    @Override
    public int write(String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
        return call.run("write", path, () -> {
            // copied from FUSE's buffer straight into the object being filled
            return fs.write(fi.fh.get(), offset, (from, dst, dstOffset, n) -> buf.get(from, dst, dstOffset, n),
                    (int) size);
        });
    }

    @Override
    public int statfs(String path, Statvfs st) {
        return call.run("statfs", path, () -> {
            FileSystem.StatFs s = fs.statfs();
            st.f_bsize.set(s.blockSize());
            st.f_frsize.set(s.blockSize());
            st.f_blocks.set(s.blocks());
            st.f_bfree.set(s.blocksFree());
            st.f_bavail.set(s.blocksFree());
            st.f_files.set(s.files());
            st.f_ffree.set(s.filesFree());
            st.f_favail.set(s.filesFree());
            st.f_namemax.set(s.nameMax());
            return 0;
        });
    }

    @Override
    public int flush(String path, FuseFileInfo fi) {
        return call.run("flush", path, () -> {
            fs.flushOnClose();
            return 0;
        });
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        return call.run("release", path, () -> {
            long fh = fi.fh.get();
            fs.locks().unflock(fs.inodeOf(fh), fi.lock_owner.get());
            fs.release(fh);
            return 0;
        });
    }

    @Override
    public int fsync(String path, int isdatasync, FuseFileInfo fi) {
        return call.run("fsync", path, () -> {
            fs.fsync();
            return 0;
        });
    }

    @Override
    public int fsyncdir(String path, FuseFileInfo fi) {
        return call.run("fsyncdir", path, () -> {
            fs.fsync();
            return 0;
        });
    }

    @Override
    public int setxattr(String path, String name, Pointer value, @size_t long size, int flags) {
        return call.run("setxattr", path, () -> {
            byte[] b = new byte[(int) size];
            value.get(0, b, 0, b.length);
            fs.setxattr(c(path), name, b, flags);
            return 0;
        });
    }

    @Override
    public int getxattr(String path, String name, Pointer value, @size_t long size) {
        return call.run("getxattr", path, () -> {
            byte[] b = fs.getxattr(c(path), name);
            if (size == 0) {
                return b.length;
            }
            if (size < b.length) {
                throw new FsException(Errno.ERANGE, "xattr value of " + b.length + " bytes");
            }
            value.put(0, b, 0, b.length);
            return b.length;
        });
    }

    @Override
    public int listxattr(String path, Pointer list, @size_t long size) {
        return call.run("listxattr", path, () -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (String n : fs.listxattr(c(path))) {
                out.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            byte[] b = out.toByteArray();
            if (size == 0) {
                return b.length;
            }
            if (size < b.length) {
                throw new FsException(Errno.ERANGE, "xattr list of " + b.length + " bytes");
            }
            list.put(0, b, 0, b.length);
            return b.length;
        });
    }

    @Override
    public int removexattr(String path, String name) {
        return call.run("removexattr", path, () -> {
            fs.removexattr(c(path), name);
            return 0;
        });
    }

    @Override
    public int opendir(String path, FuseFileInfo fi) {
        return call.run("opendir", path, () -> {
            fi.fh.set(fs.opendir(c(path)));
            return 0;
        });
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, @off_t long offset, FuseFileInfo fi) {
        return call.run("readdir", path, () -> {
            // Offsets of 0: libfuse reads the whole directory into the open handle's buffer at
            // the first call, so the listing is one consistent snapshot however it changes later.
            for (FileSystem.DirEntry e : fs.readdir(c(path))) {
                FileStat st = new FileStat(jnr.ffi.Runtime.getSystemRuntime());
                st.st_ino.set(e.inode());
                st.st_mode.set(e.typeBits());
                if (filler.apply(buf, e.name(), st, 0) != 0) {
                    break;
                }
            }
            return 0;
        });
    }

    @Override
    public int releasedir(String path, FuseFileInfo fi) {
        return 0;
    }

    @Override
    public int lock(String path, FuseFileInfo fi, int cmd, Flock flock) {
        return call.run("lock", path, () -> {
            long inode = fs.inodeOf(fi.fh.get());
            long owner = fi.lock_owner.get();
            long start = flock.l_start.get();
            long len = flock.l_len.get();
            long end = len == 0 ? Long.MAX_VALUE : start + len - 1;
            int type = flock.l_type.get();
            LocalLocks locks = fs.locks();
            switch (cmd) {
                case F_GETLK -> {
                    LocalLocks.Range r = locks.test(inode, owner, type, start, end);
                    if (r == null) {
                        flock.l_type.set(LocalLocks.F_UNLCK);
                    } else {
                        flock.l_type.set(r.type());
                        flock.l_start.set(r.start());
                        flock.l_len.set(r.end() == Long.MAX_VALUE ? 0 : r.end() - r.start() + 1);
                        flock.l_pid.set((int) r.pid());
                    }
                    return 0;
                }
                case F_SETLK, F_SETLKW -> {
                    if (!locks.set(inode, owner, type, start, end, flock.l_pid.get(), cmd == F_SETLKW)) {
                        throw new FsException(Errno.EAGAIN, "range locked by another owner");
                    }
                    return 0;
                }
                default -> throw new FsException(Errno.EINVAL, "lock command " + cmd);
            }
        });
    }

    @Override
    public int flock(String path, FuseFileInfo fi, int op) {
        return call.run("flock", path, () -> {
            long inode = fs.inodeOf(fi.fh.get());
            long owner = fi.lock_owner.get();
            if ((op & LOCK_UN) != 0) {
                fs.locks().unflock(inode, owner);
                return 0;
            }
            if (!fs.locks().flock(inode, owner, (op & LOCK_EX) != 0, (op & LOCK_NB) == 0)) {
                throw new FsException(Errno.EAGAIN, "flock held by another owner");
            }
            return 0;
        });
    }
}
