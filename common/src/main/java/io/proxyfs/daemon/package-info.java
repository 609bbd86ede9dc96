/**
 * What every daemon's thin {@code main} shares: the command line ({@code <file>.conf
 * [Section.Key=value ...]}), logging set up from a section's {@code LogFilePath},
 * {@code LogToConsole} and {@code TraceEnabled} keys, and the signal loop (SIGHUP reopens the log
 * and calls {@link io.proxyfs.daemon.Service#signal()}, SIGINT/SIGTERM stop the service), as the
 * original's {@code main.go} files do.
 */
package io.proxyfs.daemon;
