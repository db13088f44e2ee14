package org.shendu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RocCurveTest {
    @Test
    void tiedScoresAsScikitLearn() {
        int[] y = {0, 0, 1, 1, 1, 0, 1, 0};
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2};
        // roc_auc_score(y, s) in scikit-learn 1.2.1
        assertEquals(0.8125, RocCurve.auc(y, s), 1e-12);
        RocCurve c = RocCurve.of(y, s);
        // roc_curve(y, s, drop_intermediate=False): thresholds inf, 0.9, 0.8, 0.4 (three tied), 0.35, 0.2, 0.1
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 0.5, 0.75, 1}, c.falsePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, 1, 1}, c.truePositiveRate(), 1e-12);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.9, 0.8, 0.4, 0.35, 0.2, 0.1}, c.thresholds(), 1e-12);
    }

    @Test
    void areaIsTheMannWhitneyStatisticWithTiesCountedHalf() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + r.nextInt(200);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(2);
                s[i] = r.nextInt(8) + y[i] * r.nextInt(3); // few distinct values: many ties
            }
            double pairs = 0, wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (y[i] == 1 && y[j] == 0) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            double expected = pairs == 0 ? Double.NaN : wins / pairs;
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(RocCurve.auc(y, s)));
            } else {
                assertEquals(expected, RocCurve.auc(y, s), 1e-12);
            }
        }
    }

    @Test
    void perfectAndMismatched() {
        assertEquals(1.0, RocCurve.auc(new int[] {1, 0, 1}, new double[] {0.9, 0.1, 0.5}), 1e-12);
        assertEquals(0.0, RocCurve.auc(new int[] {0, 1}, new double[] {0.9, 0.1}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new int[] {1}, new double[] {0.1, 0.2}));
    }
}
