package io.proxyfs.bench.fs;

import java.util.List;
import java.util.Locale;

/**
 * An SVG bar chart of every target's median as a ratio to one baseline's (bindfs), per workload,
 * on a logarithmic axis from 0.001 to 10 (ratios outside are drawn at the edge and labelled), with
 * a line at 1. Plain SVG text, no dependencies. Stateless.
 */
final class RatioChart {
    private static final String[] COLORS = {"#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2"};
    private static final double MIN = 1e-3;
    private static final double MAX = 10;
    private static final int PLOT_H = 320;
    private static final int TOP = 40;
    private static final int LEFT = 60;
    private static final int BAR = 14;
    private static final int GAP = 22;

    private RatioChart() {
    }

    /** The chart of {@code results}' ratios to {@code base}; empty if {@code base} was not measured. */
    static String svg(Results results, String base, String caption) {
        if (!results.targets().contains(base)) {
            return "";
        }
        List<String> bars = results.targets().stream().filter(t -> !t.equals(base) && !t.equals(CurlCeiling.NAME)).toList();
        List<Workload> groups = results.workloads();
        int groupW = bars.size() * BAR + GAP;
        int width = LEFT + groups.size() * groupW + 20;
        int height = TOP + PLOT_H + 110;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>\n", LEFT, escape(caption)));
        for (int e = -3; e <= 1; e++) {
            double y = y(Math.pow(10, e));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n", LEFT, y,
                    width - 20, y, e == 0 ? "black" : "#ddd"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, y + 4,
                    e >= 0 ? String.format(Locale.ROOT, "%.0f", Math.pow(10, e)) : Double.toString(Math.pow(10, e))));
        }
        for (int g = 0; g < groups.size(); g++) {
            Workload w = groups.get(g);
            int x0 = LEFT + g * groupW + GAP / 2;
            for (int b = 0; b < bars.size(); b++) {
                double ratio = results.median(w.key(), bars.get(b)) / results.median(w.key(), base);
                if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
                    continue;
                }
                double clamped = Math.max(MIN, Math.min(MAX, ratio));
                double y = y(clamped);
                double y1 = y(1);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s / %s = %s</title></rect>\n", x0 + b * BAR, Math.min(y, y1), BAR - 2,
                        Math.max(1, Math.abs(y1 - y)), COLORS[b % COLORS.length], escape(w.key()), bars.get(b), base,
                        Results.ratio(ratio)));
                if (clamped != ratio) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\">%s</text>\n", x0 + b * BAR,
                            ratio > MAX ? y - 3 : y + 10, Results.ratio(ratio)));
                }
            }
            double lx = x0 + bars.size() * BAR / 2.0;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %d)\">"
                    + "%s</text>\n", lx, TOP + PLOT_H + 14, lx, TOP + PLOT_H + 14, escape(w.key())));
        }
        int ly = height - 14;
        for (int b = 0; b < bars.size(); b++) {
            int lx = LEFT + b * 110;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s / %s</text>\n", lx, ly - 10, COLORS[b % COLORS.length], lx + 16, ly,
                    escape(bars.get(b)), escape(base)));
        }
        return s.append("</svg>\n").toString();
    }

    /** The y coordinate of a ratio on the log axis. */
    private static double y(double ratio) {
        double f = (Math.log10(ratio) - Math.log10(MIN)) / (Math.log10(MAX) - Math.log10(MIN));
        return TOP + PLOT_H * (1 - f);
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
