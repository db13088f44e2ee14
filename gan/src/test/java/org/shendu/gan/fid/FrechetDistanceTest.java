package org.shendu.gan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** Diagonal covariances commute: d = |mu1 - mu2|^2 + sum (sqrt a_i - sqrt b_i)^2. */
    @Test
    void diagonalCovariancesHaveTheClosedForm() {
        int n = 4;
        double[] a = {1, 4, 0.25, 9}, b = {2, 1, 0.5, 0};
        double[] c1 = new double[n * n], c2 = new double[n * n];
        double[] mu1 = {0, 1, 2, 3}, mu2 = {1, 1, 0, -1};
        double expected = 0;
        for (int i = 0; i < n; i++) {
            c1[i * n + i] = a[i];
            c2[i * n + i] = b[i];
            expected += Math.pow(mu1[i] - mu2[i], 2) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertEquals(expected, FrechetDistance.of(mu1, c1, mu2, c2, n), 1e-12);
    }

    /**
     * A full, well-conditioned 5x5 case against NumPy/SciPy (float64): the eigenvalue formula of
     * common.py gives 5.016258486009117, scipy.linalg.sqrtm 5.016258486009121.
     * A_ij = sin(i^2 + 3j + 1) + cos(ij) / 2, B_ij = cos(2i + 3j), S1 = A A^T / 5 + 0.2 I,
     * S2 = B B^T / 5 + 0.1 I, mu1_i = 0.1 i, mu2_i = sin i.
     */
    @Test
    void fullMatricesMatchScipy() {
        int n = 5;
        double[] a = new double[n * n], b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = Math.sin(i * i + 3 * j + 1) + 0.5 * Math.cos(i * j);
                b[i * n + j] = Math.cos(2 * i + 3 * j);
            }
        }
        double[] c1 = gram(a, n), c2 = gram(b, n);
        for (int i = 0; i < n; i++) {
            c1[i * n + i] += 0.2;
            c2[i * n + i] += 0.1;
        }
        double[] mu1 = new double[n], mu2 = new double[n];
        for (int i = 0; i < n; i++) {
            mu1[i] = 0.1 * i;
            mu2[i] = Math.sin(i);
        }
        double d = FrechetDistance.of(mu1, c1, mu2, c2, n);
        assertEquals(5.016258486009117, d, 1e-12);
        assertEquals(5.016258486009121, d, 1e-12);
    }

    @Test
    void aDistributionIsAtDistanceZeroFromItself() {
        GaussianFit f = new GaussianFit(3);
        f.add(new float[] {1, 2, 0, 3, 1, 1, 0, 0, 2, 5, 4, 1}, 4);
        assertEquals(0, FrechetDistance.between(f, f), 1e-12);
    }

    private static double[] gram(double[] a, int n) {
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * a[j * n + k];
                }
                g[i * n + j] = s / n;
            }
        }
        return g;
    }
}
