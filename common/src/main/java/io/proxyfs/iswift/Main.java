package io.proxyfs.iswift;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Swift emulator until SIGINT/SIGTERM.
 * {@code iswift [--ip ADDR] [--port N] [--dir PATH] [--account USER:KEY:ACCOUNT]...}; bad
 * arguments print the usage and exit 2.
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: iswift [--ip ADDR] [--port N] [--dir PATH] [--account USER:KEY:ACCOUNT]...",
            "  --ip       address to listen on (default 127.0.0.1)",
            "  --port     port to listen on (default 8080; 0 picks a free port)",
            "  --dir      keep objects in files under PATH (default: in memory)",
            "  --account  accepted tempauth user; repeatable (default test:tester:testing:AUTH_test)");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        SwiftEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            usage(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        SwiftEmulator emulator;
        try {
            emulator = builder.start();
        } catch (IOException e) {
            System.err.println("iswift: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            System.out.println("iswift DOWN");
            stopped.countDown();
        }, "iswift-shutdown"));
        System.out.println("iswift UP: auth " + emulator.authUrl());
        stopped.await();
    }

    /** Without a logback configuration file, logback logs everything at DEBUG; keep to INFO. */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    static SwiftEmulator.Builder parse(String[] args) {
        SwiftEmulator.Builder b = SwiftEmulator.builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException((String) null);
            }
            if (!flag.equals("--ip") && !flag.equals("--port") && !flag.equals("--dir") && !flag.equals("--account")) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--ip" -> b.host(value);
                case "--port" -> {
                    try {
                        b.port(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, got " + value, e);
                    }
                }
                case "--dir" -> b.dataDir(Path.of(value));
                default -> b.account(SwiftAccount.parse(value));
            }
        }
        return b;
    }

    private static void usage(PrintStream out, String problem) {
        if (problem != null) {
            out.println("iswift: " + problem);
        }
        out.println(USAGE);
    }
}
