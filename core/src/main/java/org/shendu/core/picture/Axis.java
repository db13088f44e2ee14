package org.shendu.core.picture;

import java.util.Locale;

/**
 * One axis of a plot: a data range widened to "nice" tick values (1, 2 or 5 times a power of ten,
 * Heckbert's "Nice numbers for graph labels", Graphics Gems 1990) and the mapping to pixels.
 */
final class Axis {
    final double min;
    final double max;
    final double step;

    private Axis(double min, double max, double step) {
        this.min = min;
        this.max = max;
        this.step = step;
    }

    /** An axis covering {@code [lo, hi]} with about {@code ticks} ticks, its ends on ticks. */
    static Axis nice(double lo, double hi, int ticks) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceNumber((hi - lo) / Math.max(1, ticks - 1));
        return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    /** An axis with exactly these ends and ticks every {@code step}. */
    static Axis fixed(double min, double max, double step) {
        return new Axis(min, max, step);
    }

    private static double niceNumber(double x) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * Math.pow(10, exp);
    }

    /** The tick values, ends included. */
    double[] ticks() {
        int n = (int) Math.round((max - min) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = min + i * step;
        }
        return t;
    }

    /** A tick label with as many decimals as the step needs. */
    String label(double v) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        if (Math.abs(v) < step * 1e-6) {
            v = 0; // no "-0.0"
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The fraction of the way from min to max. */
    double fraction(double v) {
        return (v - min) / (max - min);
    }
}
