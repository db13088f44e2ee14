package org.shendu.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void precisionRecallAndAccuracyFromCounts() {
        Metrics m = new Metrics(3);
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 2}, {2, 0}};
        for (int[] p : pairs) {
            m.add(p[0], p[1]);
        }
        assertEquals(5.0 / 8, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.precision(0), 1e-12); // predicted 0: two right, one wrong
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        assertEquals(1.0 / 2, m.precision(1), 1e-12);
        assertEquals(1.0 / 2, m.recall(1), 1e-12);
        assertEquals(2.0 / 3, m.precision(2), 1e-12);
        assertEquals(2.0 / 3, m.recall(2), 1e-12);
        assertEquals(2.0 / 3, m.f1(2), 1e-12);
        assertEquals(1, m.confusion()[2][0]);
    }
}
