package org.shendu.core.picture;

import java.nio.file.Path;
import java.util.Locale;
import org.shendu.core.metrics.RocCurve;

/** A ROC curve: true against false positive rate on the unit square, the chance diagonal, the AUC in the legend. */
public final class RocPlot {
    private RocPlot() {}

    public static LinePlot of(RocCurve curve, String title) {
        return LinePlot.titled(title).axes("false positive rate", "true positive rate")
                .size(520, 500)
                .xRange(0, 1, 0.2).yRange(0, 1, 0.2)
                .series(String.format(Locale.ROOT, "ROC (AUC %.4f)", curve.area()), curve.falsePositiveRate(), curve.truePositiveRate())
                .reference("chance", new double[] {0, 1}, new double[] {0, 1});
    }

    public static void write(RocCurve curve, String title, Path file) {
        of(curve, title).write(file);
    }
}
