package io.proxyfs.iauth;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds an {@link AuthPlugIn} by the value of {@code AuthPlugInPath}. The original's value is a
 * path to a Go plug-in ({@code iauth-swift.so}, {@code ../iauth/iauth-swift/iauth-swift.so}); here
 * the last path element without {@code .so} is the plug-in's name. Stateless; thread-safe.
 */
public final class AuthPlugIns {
    private AuthPlugIns() {
    }

    /** The plug-in name a path selects: {@code a/b/iauth-swift.so} gives {@code iauth-swift}. */
    public static String nameOf(String plugInPath) {
        String name = plugInPath.trim();
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        if (name.endsWith(".so")) {
            name = name.substring(0, name.length() - 3);
        }
        return name;
    }

    /**
     * The plug-in {@code plugInPath} names, from the class path.
     *
     * @throws AuthException when none has that name (the message lists those found)
     */
    public static AuthPlugIn find(String plugInPath) throws AuthException {
        String wanted = nameOf(plugInPath);
        List<String> seen = new ArrayList<>();
        for (AuthPlugIn p : ServiceLoader.load(AuthPlugIn.class, AuthPlugIns.class.getClassLoader())) {
            if (p.name().equals(wanted)) {
                return p;
            }
            seen.add(p.name());
        }
        throw new AuthException("no auth plug-in named \"" + wanted + "\" (from AuthPlugInPath \"" + plugInPath
                + "\"); available: " + seen);
    }
}
