package io.proxyfs.swift;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets Jetty and OkHttp logging to INFO for the Swift tests: without a logback configuration
 * file logback logs at DEBUG, and Jetty's per-buffer debug lines would dominate large transfers.
 * The project's own loggers stay at DEBUG so the token-leak test sees every line. Thread-safe.
 */
public final class QuietLogs {
    private QuietLogs() {
    }

    /** Applies the levels; idempotent. */
    public static void apply() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.proxyfs")).setLevel(Level.DEBUG);
    }
}
