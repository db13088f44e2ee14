package org.shendu.gan.fid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassStatisticsTest {

    /** Two confident images per class over 2 classes: entropy ln 2, score near 2, max-softmax near 1. */
    @Test
    void confidentBalancedSamples() {
        ClassStatistics.Accumulator acc = new ClassStatistics.Accumulator(2);
        acc.add(new float[] {50, 0, 50, 0, 0, 50, 0, 50}, 4);
        ClassStatistics s = acc.result();
        assertArrayEquals(new long[] {2, 2}, s.histogram());
        assertEquals(Math.log(2), s.entropy(), 1e-12);
        assertEquals(1.0, s.meanMaxSoftmax(), 1e-12);
        assertEquals(2.0, s.classifierScore(), 1e-12);
    }

    /** Hand-computed: logits (0, ln 3) gives p = (1/4, 3/4); one such image and one (ln 3, 0). */
    @Test
    void handComputedKlScore() {
        float l3 = (float) Math.log(3);
        ClassStatistics.Accumulator acc = new ClassStatistics.Accumulator(2);
        acc.add(new float[] {0, l3, l3, 0}, 2);
        ClassStatistics s = acc.result();
        // p(y) = (1/2, 1/2); KL of each = 1/4 ln(1/2) + 3/4 ln(3/2)
        double kl = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
        assertEquals(Math.exp(kl), s.classifierScore(), 1e-6);
        assertEquals(0.75, s.meanMaxSoftmax(), 1e-6);
        assertEquals(Math.log(2), s.entropy(), 1e-12);
    }

    @Test
    void oneClassHasZeroEntropyAndScoreOne() {
        ClassStatistics.Accumulator acc = new ClassStatistics.Accumulator(3);
        acc.add(new float[] {1, 5, 2, 1, 5, 2}, 2);
        ClassStatistics s = acc.result();
        assertArrayEquals(new long[] {0, 2, 0}, s.histogram());
        assertEquals(0.0, s.entropy(), 0);
        assertEquals(1.0, s.classifierScore(), 1e-12);
    }
}
