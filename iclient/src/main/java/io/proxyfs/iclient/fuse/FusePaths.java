package io.proxyfs.iclient.fuse;

import java.util.ArrayList;
import java.util.List;

/** Splits the paths jnr-fuse passes ("/a/b") into names below the root. Stateless. */
final class FusePaths {
    private FusePaths() {
    }

    /** "/a/b" gives [a, b]; "/" gives []. */
    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The components of the parent of {@code path}. */
    static List<String> parent(String path) {
        List<String> c = components(path);
        return c.isEmpty() ? c : c.subList(0, c.size() - 1);
    }

    /** The last name of {@code path} ("" for the root). */
    static String name(String path) {
        List<String> c = components(path);
        return c.isEmpty() ? "" : c.get(c.size() - 1);
    }
}
