package org.shendu.sentiment.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.shendu.sentiment.features.CsrMatrix;

class NaiveBayesTest {

    @Test
    void multinomialMatchesScikitLearn() {
        // MultinomialNB(alpha=1.0), scikit-learn 1.2.1.
        CsrMatrix x = CsrMatrix.ofDense(new double[][] {{2, 0, 1}, {0, 3, 0}, {1, 1, 0}, {0, 0, 4}}, 3);
        MultinomialNaiveBayes nb = MultinomialNaiveBayes.fit(x, new int[] {1, 0, 1, 0}, 1.0);
        double[] p = nb.predictProbability(CsrMatrix.ofDense(new double[][] {{1, 1, 1}, {0, 2, 1}}, 3));
        assertEquals(0.6097560975609759, p[0], 1e-12);
        assertEquals(0.1633986928104578, p[1], 1e-12);
    }

    @Test
    void logCountRatioByHand() {
        // p = 1 + (1, 1, 0) = (2, 2, 1), q = 1 + (0, 1, 2) = (1, 2, 3); r = log((p/5) / (q/6)).
        CsrMatrix x = CsrMatrix.ofDense(new double[][] {{1, 1, 0}, {0, 1, 1}, {0, 0, 1}}, 3);
        double[] r = NbLogCountRatio.fit(x, new int[] {1, 0, 0}, 1.0);
        assertEquals(Math.log((2 / 5.0) / (1 / 6.0)), r[0], 1e-12);
        assertEquals(Math.log((2 / 5.0) / (2 / 6.0)), r[1], 1e-12);
        assertEquals(Math.log((1 / 5.0) / (3 / 6.0)), r[2], 1e-12);
    }
}
