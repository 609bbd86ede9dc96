package io.proxyfs.iclient;

/** Entry point of the iclient daemon. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("usage: iclient <file>.conf [Section.Key=value ...]");
        System.exit(2);
    }
}
