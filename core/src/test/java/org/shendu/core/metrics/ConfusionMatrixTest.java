package org.shendu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // 3 classes, 9 examples:        true: 0 0 0 1 1 2 2 2 2
    //                          predicted: 0 0 1 1 2 2 2 0 1
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 1, 2, 2, 2, 0, 1};

    @Test
    void perClassScoresByHand() {
        ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, 3);
        assertArrayEquals(new long[] {2, 1, 0}, m.counts()[0]);
        assertArrayEquals(new long[] {0, 1, 1}, m.counts()[1]);
        assertArrayEquals(new long[] {1, 1, 2}, m.counts()[2]);
        assertEquals(5.0 / 9, m.accuracy(), 1e-12);
        // class 0: predicted 3 times, 2 right; support 3
        assertEquals(2.0 / 3, m.precision(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        // class 1: predicted 3 times, 1 right; support 2
        assertEquals(1.0 / 3, m.precision(1), 1e-12);
        assertEquals(1.0 / 2, m.recall(1), 1e-12);
        assertEquals(0.4, m.f1(1), 1e-12); // 2 (1/3)(1/2) / (5/6)
        // class 2: predicted 3 times, 2 right; support 4
        assertEquals(2.0 / 3, m.precision(2), 1e-12);
        assertEquals(1.0 / 2, m.recall(2), 1e-12);
        assertEquals(4.0 / 7, m.f1(2), 1e-12);
        assertEquals(4, m.support(2));
    }

    @Test
    void macroAndWeightedAveragesByHand() {
        ConfusionMatrix m = ConfusionMatrix.of(TRUTH, PREDICTED, 3);
        assertEquals((2.0 / 3 + 1.0 / 3 + 2.0 / 3) / 3, m.macroPrecision(), 1e-12);
        assertEquals((2.0 / 3 + 1.0 / 2 + 1.0 / 2) / 3, m.macroRecall(), 1e-12);
        assertEquals((2.0 / 3 + 0.4 + 4.0 / 7) / 3, m.macroF1(), 1e-12);
        assertEquals((3 * 2.0 / 3 + 2 * 0.4 + 4 * 4.0 / 7) / 9, m.weightedF1(), 1e-12);
        String report = m.report(new String[] {"a", "b", "c"});
        assertTrue(report.contains("macro avg"), report);
        assertTrue(report.contains("0.5556"), report); // accuracy
    }

    @Test
    void scoresRowsAreArgmaxed() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.addScores(new int[] {2, 0}, new float[] {0.1f, -3f, 5f, 1f, 1f, 0f}); // the tie goes to the first class
        assertEquals(1.0, m.accuracy(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> m.addScores(new int[] {0}, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0));
        assertTrue(Double.isNaN(new ConfusionMatrix(2).accuracy()));
    }
}
