package io.proxyfs.ickpt;

/** Entry point of the ickpt daemon. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: ickpt <file>.conf [Section.Key=value ...]");
        System.exit(2);
    }
}
