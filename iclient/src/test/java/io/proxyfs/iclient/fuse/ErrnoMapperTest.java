package io.proxyfs.iclient.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.inode.Errno;
import io.proxyfs.iclient.inode.FsException;
import io.proxyfs.imgrapi.ImgrError;
import io.proxyfs.imgrapi.ImgrRpcException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.serce.jnrfuse.ErrorCodes;

/** Every row of {@link ErrnoMapper}'s table, and {@link FuseCall} turning throwables into errno. */
class ErrnoMapperTest {
    @Test
    void everyErrnoHasADistinctPlatformValue() {
        Set<Integer> seen = new HashSet<>();
        for (Errno e : Errno.values()) {
            int v = ErrnoMapper.errno(e);
            assertTrue(v > 0, e.name());
            assertTrue(seen.add(v), e + " shares its value");
        }
        assertEquals(ErrorCodes.ENOENT(), ErrnoMapper.errno(Errno.ENOENT));
        assertEquals(ErrorCodes.EOPNOTSUPP(), ErrnoMapper.errno(Errno.ENOTSUP));
        assertEquals(ErrorCodes.ENAMETOOLONG(), ErrnoMapper.errno(Errno.ENAMETOOLONG));
    }

    @Test
    void imgrErrorsMapAsTheOriginalFissionDoes() {
        for (ImgrError e : ImgrError.values()) {
            Errno expected = switch (e) {
                case UNKNOWN_INODE_NUMBER -> Errno.ENOENT; // a stale entry: the inode is gone
                case TOO_MANY_OPENS -> Errno.EMFILE;
                default -> Errno.EIO; // the original treats the rest as fatal; here EIO
            };
            assertEquals(expected, ErrnoMapper.of(new ImgrRpcException(e, "x")), e.name());
        }
        assertEquals(Errno.EIO, ErrnoMapper.of(ImgrRpcException.fromWire("something else")));
    }

    @Test
    void throwablesBecomeNegativeErrno() {
        assertEquals(Errno.EEXIST, ErrnoMapper.of(new FsException(Errno.EEXIST, "x")));
        assertEquals(Errno.EIO, ErrnoMapper.of(new IOException("swift down")));
        assertEquals(Errno.EIO, ErrnoMapper.of(new UncheckedIOException(new IOException("page"))));
        assertNull(ErrnoMapper.of(new IllegalStateException("bug")));
        FuseCall call = new FuseCall(false);
        assertEquals(-ErrorCodes.ENOENT(), call.run("op", "/p", () -> {
            throw new FsException(Errno.ENOENT, "p");
        }));
        assertEquals(-ErrorCodes.EIO(), call.run("op", "/p", () -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(7, call.run("op", "/p", () -> 7));
        assertEquals(1, call.errors());
        assertEquals(1, call.recentErrors().size());
    }

    @Test
    void pathsSplitIntoNames() {
        assertEquals(java.util.List.of(), FusePaths.components("/"));
        assertEquals(java.util.List.of("a", "b"), FusePaths.components("/a/b"));
        assertEquals(java.util.List.of("a"), FusePaths.parent("/a/b"));
        assertEquals("b", FusePaths.name("/a/b"));
    }
}
