package org.shendu.sentiment.classify;

import org.shendu.sentiment.features.CsrMatrix;

/**
 * The L2-regularised logistic regression objective in LIBLINEAR's primal form,
 * <pre>
 *   f(w, b) = ½ ‖w‖² + C Σᵢ log(1 + exp(−yᵢ (w·xᵢ + b))),   yᵢ ∈ {−1, +1}
 *   ∇f      = w + C Xᵀ ((σ(y z) − 1) y)
 *   ∇²f v   = v + C Xᵀ D X v,   D = diag(σ(y z)(1 − σ(y z)))
 * </pre>
 * with {@code z = Xw + b}. The intercept {@code b} (the last coordinate) is not penalised, as in
 * scikit-learn's lbfgs solver. The matrix products run on {@code threads} threads.
 */
final class LogisticLoss implements TwiceDifferentiable {
    private final CsrMatrix x;
    private final double[] y;
    private final double c;
    private final boolean intercept;
    private final int threads;
    private final int features;
    private final double[] z;
    private final double[] curvature;
    private final double[] rowTmp;
    private final double[] colTmp;
    private double[] lastW;

    LogisticLoss(CsrMatrix x, int[] labels, double c, boolean intercept, int threads) {
        this.x = x;
        this.c = c;
        this.intercept = intercept;
        this.threads = threads;
        this.features = x.cols();
        this.y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            y[i] = labels[i] == 1 ? 1 : -1;
        }
        z = new double[x.rows()];
        curvature = new double[x.rows()];
        rowTmp = new double[x.rows()];
        colTmp = new double[features];
    }

    @Override
    public int dimension() {
        return features + (intercept ? 1 : 0);
    }

    @Override
    public double value(double[] w) {
        x.multiply(w, z, threads);
        double b = intercept ? w[features] : 0;
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] += b;
            double yz = y[i] * z[i];
            loss += yz >= 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
        }
        double reg = 0;
        for (int j = 0; j < features; j++) {
            reg += w[j] * w[j];
        }
        lastW = w;
        return 0.5 * reg + c * loss;
    }

    @Override
    public void gradient(double[] out) {
        double biasGrad = 0;
        for (int i = 0; i < z.length; i++) {
            double sigma = 1 / (1 + Math.exp(-y[i] * z[i]));
            curvature[i] = sigma * (1 - sigma);
            rowTmp[i] = c * (sigma - 1) * y[i];
            biasGrad += rowTmp[i];
        }
        x.transposeMultiply(rowTmp, colTmp, threads);
        for (int j = 0; j < features; j++) {
            out[j] = lastW[j] + colTmp[j];
        }
        if (intercept) {
            out[features] = biasGrad;
        }
    }

    @Override
    public void hessianTimes(double[] v, double[] out) {
        x.multiply(v, rowTmp, threads);
        double vb = intercept ? v[features] : 0;
        double biasOut = 0;
        for (int i = 0; i < rowTmp.length; i++) {
            rowTmp[i] = c * curvature[i] * (rowTmp[i] + vb);
            biasOut += rowTmp[i];
        }
        x.transposeMultiply(rowTmp, colTmp, threads);
        for (int j = 0; j < features; j++) {
            out[j] = v[j] + colTmp[j];
        }
        if (intercept) {
            out[features] = biasOut;
        }
    }

    @Override
    public void hessianDiagonal(double[] out) {
        double bias = 0;
        for (int i = 0; i < rowTmp.length; i++) {
            rowTmp[i] = c * curvature[i];
            bias += rowTmp[i];
        }
        x.transposeMultiplySquared(rowTmp, colTmp, threads);
        for (int j = 0; j < features; j++) {
            out[j] = 1 + colTmp[j];
        }
        if (intercept) {
            out[features] = bias;
        }
    }
}
