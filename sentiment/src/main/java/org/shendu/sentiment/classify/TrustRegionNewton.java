package org.shendu.sentiment.classify;

/**
 * Trust-region Newton method (TRON), as in LIBLINEAR: each outer step solves the Newton system
 * {@code H s = -g} approximately by conjugate gradients inside a trust region of radius
 * {@code delta}, then accepts or rejects the step and resizes the region from the ratio of actual
 * to predicted decrease. Only Hessian-vector products are needed, never the Hessian itself.
 *
 * <p>C.-J. Lin and J. J. Moré, "Newton's method for large bound-constrained optimization
 * problems", SIAM J. Optim. 1999; C.-J. Lin, R. C. Weng and S. S. Keerthi, "Trust region Newton
 * method for large-scale logistic regression", JMLR 2008. The constants below are theirs.
 */
final class TrustRegionNewton {
    private static final double ETA0 = 1e-4;
    private static final double ETA1 = 0.25;
    private static final double ETA2 = 0.75;
    private static final double SIGMA1 = 0.25;
    private static final double SIGMA2 = 0.5;
    private static final double SIGMA3 = 4;
    private static final double CG_TOLERANCE = 0.1;
    private static final double PRECONDITIONER_WEIGHT = 0.01;

    private final int maxIterations;

    /** What one minimisation did. */
    record Result(int iterations, int cgSteps, double value, double gradientNorm) {}

    TrustRegionNewton(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    /**
     * Minimises {@code f} starting from {@code w} (updated in place) until the gradient norm is at
     * most {@code gradientTarget}.
     */
    Result minimize(TwiceDifferentiable f, double[] w, double gradientTarget) {
        int n = f.dimension();
        double[] g = new double[n];
        double[] s = new double[n];
        double[] r = new double[n];
        double[] m = new double[n];
        double[] wNew = new double[n];
        double fw = f.value(w);
        f.gradient(g);
        preconditioner(f, m);
        double gnorm = norm(g);
        double delta = Math.sqrt(weightedDot(g, m, g));
        int iter = 1;
        int cgSteps = 0;
        while (iter <= maxIterations && gnorm > gradientTarget) {
            // On a rejected step the Hessian products still refer to w: gradient() was last called there.
            boolean[] reachedBoundary = new boolean[1];
            cgSteps += conjugateGradient(f, delta, g, m, s, r, reachedBoundary);
            for (int i = 0; i < n; i++) {
                wNew[i] = w[i] + s[i];
            }
            double gs = dot(g, s);
            double predicted = -0.5 * (gs - dot(s, r));
            double fNew = f.value(wNew);
            double actual = fw - fNew;
            double dnorm = Math.sqrt(weightedDot(s, m, s));
            if (iter == 1 && cgSteps > 0 && delta > dnorm) {
                delta = dnorm;
            }
            double alpha = fNew - fw - gs <= 0 ? SIGMA3 : Math.max(SIGMA1, -0.5 * (gs / (fNew - fw - gs)));
            if (actual < ETA0 * predicted) {
                delta = Math.min(alpha * dnorm, SIGMA2 * delta);
            } else if (actual < ETA1 * predicted) {
                delta = Math.max(SIGMA1 * delta, Math.min(alpha * dnorm, SIGMA2 * delta));
            } else if (actual < ETA2 * predicted) {
                delta = Math.max(SIGMA1 * delta, Math.min(alpha * dnorm, SIGMA3 * delta));
            } else if (reachedBoundary[0]) {
                delta = SIGMA3 * delta;
            } else {
                delta = Math.max(delta, Math.min(alpha * dnorm, SIGMA3 * delta));
            }
            if (actual > ETA0 * predicted) {
                System.arraycopy(wNew, 0, w, 0, n);
                fw = fNew;
                f.gradient(g);
                preconditioner(f, m);
                gnorm = norm(g);
                iter++;
            }
            if (fw < -1.0e+32) {
                break;
            }
            if (Math.abs(actual) <= 0 && predicted <= 0) {
                break;
            }
            if (Math.abs(actual) <= 1.0e-12 * Math.abs(fw) && Math.abs(predicted) <= 1.0e-12 * Math.abs(fw)) {
                break;
            }
        }
        return new Result(iter - 1, cgSteps, fw, gnorm);
    }

    /**
     * The diagonal preconditioner {@code M = (1 − a) I + a diag(H)}, {@code a = 0.01}, of
     * C.-Y. Hsia, W.-L. Chiang and C.-J. Lin, "Preconditioned conjugate gradient methods in
     * truncated Newton frameworks for large-scale linear classification", ACML 2018 (LIBLINEAR 2.20+).
     */
    private static void preconditioner(TwiceDifferentiable f, double[] m) {
        f.hessianDiagonal(m);
        for (int i = 0; i < m.length; i++) {
            m[i] = (1 - PRECONDITIONER_WEIGHT) + PRECONDITIONER_WEIGHT * m[i];
        }
    }

    /**
     * Steihaug's truncated preconditioned CG for {@code H s = -g} inside {@code ‖s‖_M ≤ delta};
     * {@code r} ends as the residual. Returns the number of Hessian products.
     */
    private static int conjugateGradient(TwiceDifferentiable f, double delta, double[] g, double[] m, double[] s,
                                         double[] r, boolean[] reachedBoundary) {
        int n = g.length;
        double[] d = new double[n];
        double[] hd = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 0;
            r[i] = -g[i];
            z[i] = r[i] / m[i];
            d[i] = z[i];
        }
        double zTr = dot(z, r);
        double cgTol = CG_TOLERANCE * Math.sqrt(zTr);
        int steps = 0;
        int maxSteps = Math.max(n, 5);
        while (steps < maxSteps && Math.sqrt(zTr) > cgTol) {
            steps++;
            f.hessianTimes(d, hd);
            double alpha = zTr / dot(d, hd);
            axpy(alpha, d, s);
            if (Math.sqrt(weightedDot(s, m, s)) > delta) {
                reachedBoundary[0] = true;
                axpy(-alpha, d, s);
                double std = weightedDot(s, m, d);
                double sts = weightedDot(s, m, s);
                double dtd = weightedDot(d, m, d);
                double dsq = delta * delta;
                double rad = Math.sqrt(std * std + dtd * (dsq - sts));
                alpha = std >= 0 ? (dsq - sts) / (std + rad) : (rad - std) / dtd;
                axpy(alpha, d, s);
                axpy(-alpha, hd, r);
                break;
            }
            axpy(-alpha, hd, r);
            for (int i = 0; i < n; i++) {
                z[i] = r[i] / m[i];
            }
            double zNew = dot(z, r);
            double beta = zNew / zTr;
            for (int i = 0; i < n; i++) {
                d[i] = z[i] + beta * d[i];
            }
            zTr = zNew;
        }
        return steps;
    }

    private static double weightedDot(double[] a, double[] m, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * m[i] * b[i];
        }
        return sum;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
