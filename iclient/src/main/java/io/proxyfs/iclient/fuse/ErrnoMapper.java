package io.proxyfs.iclient.fuse;

import io.proxyfs.iclient.inode.Errno;
import io.proxyfs.iclient.inode.FsException;
import io.proxyfs.imgrapi.ImgrError;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.sortedmap.BPlusTreeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import ru.serce.jnrfuse.ErrorCodes;

/**
 * The one place where failures become errno values (negative, as FUSE wants them):
 * {@link FsException} gives its own errno; an imgr refusal maps per {@link ImgrError} (an
 * unknown inode is ENOENT, too many opens EMFILE, the rest EIO); Swift, imgr transport and
 * page-read failures are EIO; anything else is EIO (and logged by {@link FuseCall}).
 * Stateless; thread-safe.
 */
public final class ErrnoMapper {
    private ErrnoMapper() {
    }

    /** The platform's positive errno value. */
    public static int errno(Errno e) {
        return switch (e) {
            case EPERM -> ErrorCodes.EPERM();
            case ENOENT -> ErrorCodes.ENOENT();
            case EIO -> ErrorCodes.EIO();
            case ENXIO -> ErrorCodes.ENXIO();
            case EBADF -> ErrorCodes.EBADF();
            case EAGAIN -> ErrorCodes.EAGAIN();
            case EACCES -> ErrorCodes.EACCES();
            case EEXIST -> ErrorCodes.EEXIST();
            case EXDEV -> ErrorCodes.EXDEV();
            case ENOTDIR -> ErrorCodes.ENOTDIR();
            case EISDIR -> ErrorCodes.EISDIR();
            case EINVAL -> ErrorCodes.EINVAL();
            case EFBIG -> ErrorCodes.EFBIG();
            case ENOSPC -> ErrorCodes.ENOSPC();
            case ERANGE -> ErrorCodes.ERANGE();
            case EDEADLK -> ErrorCodes.EDEADLK();
            case ENAMETOOLONG -> ErrorCodes.ENAMETOOLONG();
            case ENOLCK -> ErrorCodes.ENOLCK();
            case ENOSYS -> ErrorCodes.ENOSYS();
            case ENOTEMPTY -> ErrorCodes.ENOTEMPTY();
            case ENODATA -> ErrorCodes.ENODATA();
            case ENOTSUP -> ErrorCodes.EOPNOTSUPP();
            case EMFILE -> ErrorCodes.EMFILE();
        };
    }

    /** The errno for an imgr refusal. */
    public static Errno of(ImgrRpcException e) {
        if (e.error().isEmpty()) {
            return Errno.EIO;
        }
        ImgrError error = e.error().get();
        return switch (error) {
            case UNKNOWN_INODE_NUMBER -> Errno.ENOENT;
            case TOO_MANY_OPENS -> Errno.EMFILE;
            default -> Errno.EIO;
        };
    }

    /** The errno for any failure; {@code null} means "unexpected" (EIO, to be logged at ERROR). */
    public static Errno of(Throwable t) {
        if (t instanceof FsException f) {
            return f.errno();
        }
        if (t instanceof ImgrRpcException i) {
            return of(i);
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof BPlusTreeException) {
            return Errno.EIO;
        }
        return null;
    }

    /** The negative errno FUSE is given for {@code t}. */
    public static int negative(Throwable t) {
        Errno e = of(t);
        return -errno(e == null ? Errno.EIO : e);
    }
}
