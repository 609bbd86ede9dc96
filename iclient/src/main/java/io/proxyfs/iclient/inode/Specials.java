package io.proxyfs.iclient.inode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What this port keeps in reserved stream-table entries, beyond the original's format
 * (proxyfs2.md decision 3): the file type and device number of FIFOs, sockets and devices
 * ({@value #SPECIAL}: u32 type bits, u64 rdev, little-endian), stored as file inodes; and an
 * explicitly set atime ({@value #ATIME}: u64 nanoseconds). Names starting {@value #PREFIX} are
 * outside every Linux xattr namespace, hidden from listxattr and refused by set/get/removexattr.
 * A Go reader sees an empty regular file. Stateless.
 */
final class Specials {
    static final String PREFIX = "proxyfs.";
    static final String SPECIAL = "proxyfs.special";
    static final String ATIME = "proxyfs.atime";

    private Specials() {
    }

    static boolean reserved(String name) {
        return name.startsWith(PREFIX);
    }

    static byte[] special(int typeBits, long rdev) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(typeBits).putLong(rdev).array();
    }

    /** The type bits of a special file, or 0 for a plain file. */
    static int typeBits(Inode inode) {
        byte[] v = inode.streams.get(SPECIAL);
        return v == null || v.length != 12 ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    static long rdev(Inode inode) {
        byte[] v = inode.streams.get(SPECIAL);
        return v == null || v.length != 12 ? 0 : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong(4);
    }

    static byte[] nanos(long nanos) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(nanos).array();
    }

    /** The atime to report: the one set explicitly, else the mtime. */
    static long atime(Inode inode) {
        byte[] v = inode.streams.get(ATIME);
        return v == null || v.length != 8 ? inode.mtimeNanos : ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** stat(2)'s attributes of the inode. */
    static Attr attr(Inode i) {
        int type = switch (i.type) {
            case DIR -> Attr.S_IFDIR;
            case SYMLINK -> Attr.S_IFLNK;
            case FILE -> {
                int t = typeBits(i);
                yield t == 0 ? Attr.S_IFREG : t;
            }
        };
        long size = switch (i.type) {
            case FILE -> i.size;
            case SYMLINK -> i.symLinkTarget.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            case DIR -> 0;
        };
        return new Attr(i.number, type | (i.mode & Attr.PERMISSIONS), Math.max(1, i.nlink()), i.uid, i.gid, rdev(i),
                size, i.isFile() ? (i.size + 511) / 512 : 0, atime(i), i.mtimeNanos, i.ctimeNanos);
    }
}
