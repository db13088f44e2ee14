package org.shendu.gan.fid;

import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians (Dowson and Landau 1982; as the FID of Heusel et al.
 * 2017): {@code d = |mu1 - mu2|^2 + tr S1 + tr S2 - 2 tr((S1 S2)^(1/2))}, in float64.
 *
 * <p>The trace of the square root is computed as {@code anchors/quality/common.py} does, with
 * symmetric eigensolvers only: {@code S = S1^(1/2) = V diag(sqrt(max(w, 0))) V^T} from
 * {@code S1 = V diag(w) V^T}, then {@code tr((S1 S2)^(1/2)) = sum_i sqrt(max(l_i, 0))} over the
 * eigenvalues of the symmetric matrix {@code S S2 S} (symmetrised against rounding). It equals the
 * pytorch-fid formula with {@code scipy.linalg.sqrtm} to about 7 digits.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** The distance between the fits {@code a} and {@code b}. */
    public static double between(GaussianFit a, GaussianFit b) {
        if (a.dim() != b.dim()) {
            throw new IllegalArgumentException("feature sizes differ: " + a.dim() + " and " + b.dim());
        }
        return of(a.mean(), a.covariance(), b.mean(), b.covariance(), a.dim());
    }

    /** The distance from means and row-major {@code n x n} covariances. */
    public static double of(double[] mu1, double[] cov1, double[] mu2, double[] cov2, int n) {
        double meanTerm = 0;
        for (int i = 0; i < n; i++) {
            double d = mu1[i] - mu2[i];
            meanTerm += d * d;
        }
        return meanTerm + trace(cov1, n) + trace(cov2, n) - 2 * traceSqrtProduct(cov1, cov2, n);
    }

    /** {@code tr((S1 S2)^(1/2))} for symmetric positive semi-definite S1, S2. */
    static double traceSqrtProduct(double[] cov1, double[] cov2, int n) {
        EigenDecomposition e1 = new EigenDecomposition(matrix(cov1, n));
        RealMatrix v = e1.getV();
        double[] w = e1.getRealEigenvalues();
        RealMatrix vScaled = v.copy();
        for (int j = 0; j < n; j++) {
            double s = Math.sqrt(Math.max(w[j], 0));
            for (int i = 0; i < n; i++) {
                vScaled.setEntry(i, j, v.getEntry(i, j) * s);
            }
        }
        RealMatrix sqrt1 = vScaled.multiply(v.transpose());
        RealMatrix m = sqrt1.multiply(matrix(cov2, n)).multiply(sqrt1);
        RealMatrix sym = m.add(m.transpose()).scalarMultiply(0.5);
        double tr = 0;
        for (double l : new EigenDecomposition(sym).getRealEigenvalues()) {
            tr += Math.sqrt(Math.max(l, 0));
        }
        return tr;
    }

    private static double trace(double[] m, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += m[i * n + i];
        }
        return t;
    }

    private static RealMatrix matrix(double[] rowMajor, int n) {
        BlockRealMatrix m = new BlockRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m.setEntry(i, j, rowMajor[i * n + j]);
            }
        }
        return m;
    }
}
