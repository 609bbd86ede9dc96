package io.proxyfs.imgr;

/** Entry point of the imgr daemon. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: imgr <file>.conf [Section.Key=value ...]");
        System.exit(2);
    }
}
