package org.shendu.sentiment.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shendu.sentiment.features.CsrMatrix;

class LogisticRegressionTest {
    static final double[][] X = {{1.76, 0.4, 0.98}, {2.24, 1.87, -0.98}, {0.95, -0.15, -0.1}, {0.41, 0.14, 1.45},
        {0.76, 0.12, 0.44}, {0.33, 1.49, -0.21}, {0.31, -0.85, -2.55}, {0.65, 0.86, -0.74}, {2.27, -1.45, 0.05},
        {-0.19, 1.53, 1.47}, {0.15, 0.38, -0.89}, {-1.98, -0.35, 0.16}};
    static final int[] Y = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0};

    @Test
    void matchesScikitLearnLbfgs() {
        // LogisticRegression(C=0.7, tol=1e-12) (lbfgs: the intercept is not penalised), scikit-learn 1.2.1.
        LogisticRegression lr = LogisticRegression.fit(CsrMatrix.ofDense(X, 3), Y, 0.7,
                LogisticRegression.Settings.defaults().tolerance(1e-10));
        double[] w = lr.weights();
        assertEquals(-0.08933059881037993, w[0], 1e-5);
        assertEquals(0.04956128094040574, w[1], 1e-5);
        assertEquals(-0.5172904624806632, w[2], 1e-5);
        assertEquals(0.007370961026762008, lr.intercept(), 1e-5);
        double[] p = lr.predictProbability(CsrMatrix.ofDense(X, 3));
        assertEquals(0.34593156193268443, p[0], 1e-5);
        assertEquals(0.6003430453426916, p[1], 1e-5);
    }

    @Test
    void reachesAStationaryPointOnSparseDataWarmOrCold() {
        Random r = new Random(5);
        int n = 400;
        int d = 1000;
        double[][] dense = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double score = 0;
            for (int j = 0; j < d; j++) {
                if (r.nextDouble() < 0.02) {
                    dense[i][j] = 1;
                    score += (j % 7) - 3;
                }
            }
            y[i] = score + r.nextGaussian() > 0 ? 1 : 0;
        }
        CsrMatrix x = sparse(dense);
        double c = 2.0;
        LogisticRegression cold = LogisticRegression.fit(x, y, c, LogisticRegression.Settings.defaults()
                .tolerance(1e-8).threads(2));
        LogisticRegression warm = LogisticRegression.fit(x, y, c, LogisticRegression.Settings.defaults()
                .tolerance(1e-8), LogisticRegression.fit(x, y, 0.5, LogisticRegression.Settings.defaults()), null);
        for (LogisticRegression lr : new LogisticRegression[] {cold, warm}) {
            // Independent gradient: w + C Σ (σ(z) − y) x over the dense copy, and its intercept part.
            double[] w = lr.weights();
            double[] grad = w.clone();
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double z = lr.intercept();
                for (int j = 0; j < d; j++) {
                    z += dense[i][j] * w[j];
                }
                double diff = 1 / (1 + Math.exp(-z)) - y[i];
                gb += c * diff;
                for (int j = 0; j < d; j++) {
                    grad[j] += c * diff * dense[i][j];
                }
            }
            double norm = Math.abs(gb);
            for (double g : grad) {
                norm = Math.max(norm, Math.abs(g));
            }
            assertTrue(norm < 1e-5, "gradient max-norm " + norm);
        }
        double[] a = cold.weights();
        double[] b = warm.weights();
        for (int j = 0; j < d; j++) {
            assertEquals(a[j], b[j], 1e-4);
        }
    }

    static CsrMatrix sparse(double[][] d) {
        int rows = d.length;
        int cols = d[0].length;
        int[] ptr = new int[rows + 1];
        java.util.List<Integer> idx = new java.util.ArrayList<>();
        java.util.List<Float> val = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (d[i][j] != 0) {
                    idx.add(j);
                    val.add((float) d[i][j]);
                }
            }
            ptr[i + 1] = idx.size();
        }
        float[] v = new float[val.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = val.get(k);
        }
        return new CsrMatrix(rows, cols, ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v);
    }
}
