package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Describes the machine for the report: cores, CPU, memory, kernel, JVM, load. Stateless. */
final class Machine {
    private Machine() {
    }

    /** One line: "2 cores (CPU model), 23.4 GiB, Linux 6.1.0, OpenJDK ... 17.0.15". */
    static String describe() {
        String cpu = "unknown CPU";
        String mem = "? GiB";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    mem = String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024.0 * 1024));
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep the defaults
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + " RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    /** The three load averages. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
