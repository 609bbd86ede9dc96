package io.proxyfs.bench.fs;

import java.util.Locale;

/** Parses and prints byte sizes ("1g", "64m", "4k"; "1 GiB"). Stateless. */
final class Sizes {
    private Sizes() {
    }

    /** "1g", "512M", "4096": binary units. */
    static long parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long mul = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> mul = 1L << 10;
            case 'm' -> mul = 1L << 20;
            case 'g' -> mul = 1L << 30;
            default -> {
                return Long.parseLong(t);
            }
        }
        return Long.parseLong(t.substring(0, t.length() - 1).trim()) * mul;
    }

    /** "1 GiB", "64 MiB", "4 KiB", or bytes. */
    static String human(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return n / (1L << 30) + " GiB";
        }
        if (n >= 1L << 20 && n % (1L << 20) == 0) {
            return n / (1L << 20) + " MiB";
        }
        if (n >= 1L << 10 && n % (1L << 10) == 0) {
            return n / (1L << 10) + " KiB";
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return n + " B";
    }
}
