package io.proxyfs.idestroy;

/** Entry point of the idestroy daemon. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: idestroy <file>.conf [Section.Key=value ...]");
        System.exit(2);
    }
}
