package org.shendu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    @Test
    void scoresAtThresholdOneHalf() {
        int[] y = {0, 0, 1, 1, 1, 0, 1, 0};
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2};
        BinaryMetrics m = BinaryMetrics.of(y, s);
        // Predicted positive = {0.8, 0.9}: tp 2, fp 0, fn 2, tn 4.
        assertArrayEquals(new long[] {4, 0}, m.confusionMatrix()[0]);
        assertArrayEquals(new long[] {2, 2}, m.confusionMatrix()[1]);
        assertEquals(0.75, m.accuracy(), 1e-12);
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(2 / 3.0, m.f1(), 1e-12);
        assertEquals(0.8125, m.rocAuc(), 1e-12);
    }

    @Test
    void noPositivePredictionsGiveZeroNotNaN() {
        // scikit-learn's zero_division=0: precision 0/0 -> 0, F1 -> 0.
        BinaryMetrics m = BinaryMetrics.of(new int[] {1, 0, 1}, new double[] {0.2, 0.1, 0.4});
        assertEquals(0, m.precision());
        assertEquals(0, m.recall());
        assertEquals(0, m.f1());
        assertEquals(1.0, m.rocAuc(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.of(new int[] {2}, new double[] {0.5}));
    }
}
