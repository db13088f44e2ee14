package org.shendu.core.picture;

import java.awt.Color;

/** Colours: matplotlib's "tab10" cycle for series, and a white-to-blue ramp for heatmaps. */
final class Palette {
    private static final Color[] TAB10 = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private Palette() {}

    static Color series(int i) {
        return TAB10[i % TAB10.length];
    }

    /** White at 0 to dark blue at 1 (matplotlib's "Blues", approximately). */
    static Color blues(double t) {
        t = Math.max(0, Math.min(1, t));
        return new Color(mix(247, 8, t), mix(251, 48, t), mix(255, 107, t));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
