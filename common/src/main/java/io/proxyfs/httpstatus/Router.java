package io.proxyfs.httpstatus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps (method, path) to an {@link Endpoint}. A route is either an exact path ({@code /version})
 * or a prefix ({@code /volume/*}, matching {@code /volume} and {@code /volume/anything}, with
 * "anything" handed over as {@link HttpRequest#remainder()}). Exact routes win over prefixes;
 * longer prefixes over shorter. A path that matches some route but not with this method gets 405
 * (with an Allow header); a path that matches none gets 404. Built once, then read-only: safe for
 * concurrent {@link #dispatch} calls once no more routes are added.
 */
public final class Router {
    private record Route(String method, String path, boolean prefix, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; a path ending in {@code /*} is a prefix route. Returns this router. */
    public Router add(String method, String path, Endpoint endpoint) {
        boolean prefix = path.endsWith("/*");
        String p = prefix ? path.substring(0, path.length() - 2) : path;
        routes.add(new Route(method.toUpperCase(java.util.Locale.ROOT), p.isEmpty() ? "/" : p, prefix, endpoint));
        return this;
    }

    /** Answers the request with the route that matches it best. */
    public HttpResponse dispatch(HttpRequest request) throws Exception {
        Route best = null;
        String bestRemainder = "";
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            String remainder = match(route, request.path());
            if (remainder == null) {
                continue;
            }
            allowed.add(route.method());
            if (!route.method().equals(request.method())) {
                continue;
            }
            if (best == null || better(route, best)) {
                best = route;
                bestRemainder = remainder;
            }
        }
        if (best != null) {
            return best.endpoint().handle(request.withRemainder(bestRemainder));
        }
        if (allowed.isEmpty()) {
            throw new HttpError(404, "no such path: " + request.path());
        }
        throw new MethodNotAllowed(request.method(), request.path(), allowed);
    }

    private static boolean better(Route candidate, Route current) {
        if (candidate.prefix() != current.prefix()) {
            return !candidate.prefix();
        }
        return candidate.path().length() > current.path().length();
    }

    /** The remainder if the route matches the path, else null. */
    private static String match(Route route, String path) {
        if (!route.prefix()) {
            return route.path().equals(path) ? "" : null;
        }
        if (path.equals(route.path())) {
            return "";
        }
        String base = route.path().equals("/") ? "/" : route.path() + "/";
        return path.startsWith(base) ? path.substring(base.length()) : null;
    }

    /** A 405, carrying the methods the path does allow. */
    static final class MethodNotAllowed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String allow;

        MethodNotAllowed(String method, String path, Set<String> allowed) {
            super(method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed) + ")");
            this.allow = String.join(", ", allowed);
        }

        String allow() {
            return allow;
        }
    }
}
