package org.shendu.gan.fid;

/**
 * The Gaussian fit of a set of feature vectors, in float64: mean {@code mu} and covariance
 * {@code Sigma = (X - mu)^T (X - mu) / (N - 1)} ({@code anchors/quality/QUALITY.md} §3). Vectors are
 * added in batches, so the features never need to be kept.
 *
 * <p>It accumulates the raw sums {@code sum x} and {@code sum x x^T} and centres at the end,
 * {@code Sigma = (sum x x^T - N mu mu^T) / (N - 1)}: the FID features are post-ReLU activations,
 * mostly zeros, and skipping the zeros makes the accumulation several times faster than centring
 * first. In float64 the cancellation costs about 2 of 16 digits at these magnitudes (features of
 * order 1, N = 10,000), far below the 4 digits the metric is compared to.
 */
public final class GaussianFit {
    private final int dim;
    private final double[] sum;
    /** Upper triangle (row i, columns j >= i) of the sum of outer products, row-major in a full square. */
    private final double[] outer;
    private long count;

    public GaussianFit(int dim) {
        this.dim = dim;
        this.sum = new double[dim];
        this.outer = new double[dim * dim];
    }

    public int dim() {
        return dim;
    }

    public long count() {
        return count;
    }

    /** Adds {@code n} vectors stored one after another in {@code features} ({@code n * dim} floats). */
    public void add(float[] features, int n) {
        if (features.length < (long) n * dim) {
            throw new IllegalArgumentException(features.length + " values for " + n + " vectors of " + dim);
        }
        int[] nonZero = new int[dim];
        double[] x = new double[dim];
        for (int r = 0; r < n; r++) {
            int base = r * dim, k = 0;
            for (int i = 0; i < dim; i++) {
                float v = features[base + i];
                x[i] = v;
                sum[i] += v;
                if (v != 0f) {
                    nonZero[k++] = i;
                }
            }
            for (int a = 0; a < k; a++) {
                int i = nonZero[a];
                double xi = x[i];
                int row = i * dim;
                for (int b = a; b < k; b++) {
                    int j = nonZero[b];
                    outer[row + j] += xi * x[j];
                }
            }
        }
        count += n;
    }

    /** The mean vector. */
    public double[] mean() {
        requireTwo();
        double[] mu = new double[dim];
        for (int i = 0; i < dim; i++) {
            mu[i] = sum[i] / count;
        }
        return mu;
    }

    /** The covariance with divisor {@code N - 1}, a full symmetric {@code dim x dim} matrix, row-major. */
    public double[] covariance() {
        double[] mu = mean();
        double[] cov = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double c = (outer[i * dim + j] - count * mu[i] * mu[j]) / (count - 1);
                cov[i * dim + j] = c;
                cov[j * dim + i] = c;
            }
        }
        return cov;
    }

    private void requireTwo() {
        if (count < 2) {
            throw new IllegalStateException("a Gaussian fit needs at least 2 vectors, has " + count);
        }
    }
}
