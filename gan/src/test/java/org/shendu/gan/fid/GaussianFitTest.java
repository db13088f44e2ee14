package org.shendu.gan.fid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianFitTest {

    /** Against the two-pass definition (centre, then (X - mu)^T (X - mu) / (N - 1)) on sparse ReLU-like data. */
    @Test
    void matchesTheCentredTwoPassDefinition() {
        int n = 300, dim = 17;
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.6 ? 0f : (float) (r.nextDouble() * 3 + (i % dim));
        }
        GaussianFit fit = new GaussianFit(dim);
        fit.add(java.util.Arrays.copyOfRange(x, 0, 100 * dim), 100);
        fit.add(java.util.Arrays.copyOfRange(x, 100 * dim, n * dim), n - 100);
        double[] mu = new double[dim];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < dim; i++) {
                mu[i] += x[k * dim + i] / (double) n;
            }
        }
        double[] mean = fit.mean(), cov = fit.covariance();
        for (int i = 0; i < dim; i++) {
            assertEquals(mu[i], mean[i], 1e-12);
            for (int j = 0; j < dim; j++) {
                double c = 0;
                for (int k = 0; k < n; k++) {
                    c += (x[k * dim + i] - mu[i]) * (x[k * dim + j] - mu[j]);
                }
                assertEquals(c / (n - 1), cov[i * dim + j], 1e-10 * Math.max(1, Math.abs(c / (n - 1))), "cov " + i + "," + j);
            }
        }
        assertEquals(n, fit.count());
    }
}
