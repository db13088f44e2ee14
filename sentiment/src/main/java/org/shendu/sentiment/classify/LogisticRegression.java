package org.shendu.sentiment.classify;

import org.shendu.sentiment.features.CsrMatrix;

/**
 * L2-regularised logistic regression, {@code P(y=1|x) = σ(w·x + b)}, fitted by minimising
 * {@code ½‖w‖² + C Σ log(1 + exp(−y(w·x + b)))} with a trust-region Newton method
 * ({@link TrustRegionNewton}; Lin, Weng and Keerthi, JMLR 2008), as LIBLINEAR and
 * scikit-learn's {@code LogisticRegression(solver='liblinear')} do. Larger {@code C} means weaker
 * regularisation. The intercept is not penalised.
 */
public final class LogisticRegression implements BinaryClassifier {
    private final double[] weights;
    private final double intercept;

    public LogisticRegression(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    /** Solver options. {@code tolerance} is scikit-learn's {@code tol}, scaled as LIBLINEAR scales it. */
    public record Settings(double tolerance, int maxIterations, boolean fitIntercept, int threads) {
        public static Settings defaults() {
            return new Settings(1e-4, 1000, true, 1);
        }

        public Settings threads(int value) {
            return new Settings(tolerance, maxIterations, fitIntercept, value);
        }

        public Settings tolerance(double value) {
            return new Settings(value, maxIterations, fitIntercept, threads);
        }
    }

    /** What the solver did, for logs and tests. */
    public record FitReport(int iterations, int cgSteps, double objective, double gradientNorm) {}

    /** Fits on rows {@code x} with labels 0/1. */
    public static LogisticRegression fit(CsrMatrix x, int[] labels, double c, Settings settings) {
        return fit(x, labels, c, settings, null, null);
    }

    /**
     * Fits starting from {@code start} (a model fitted at a nearby C, or null for zero): a warm
     * start, which makes a sweep over C values several times cheaper. {@code report}, when not
     * null, receives the solver's statistics in its first element.
     */
    public static LogisticRegression fit(CsrMatrix x, int[] labels, double c, Settings settings,
                                         LogisticRegression start, FitReport[] report) {
        if (x.rows() != labels.length) {
            throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
        }
        int positives = 0;
        for (int label : labels) {
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + label);
            }
            positives += label;
        }
        LogisticLoss loss = new LogisticLoss(x, labels, c, settings.fitIntercept(), settings.threads());
        double[] w = new double[loss.dimension()];
        // LIBLINEAR's stopping rule: ‖∇f(w)‖ ≤ tol · max(min(#pos, #neg), 1) / l · ‖∇f(0)‖.
        loss.value(w);
        double[] g = new double[w.length];
        loss.gradient(g);
        double target = settings.tolerance() * Math.max(Math.min(positives, labels.length - positives), 1)
                / labels.length * TrustRegionNewton.norm(g);
        if (start != null) {
            System.arraycopy(start.weights, 0, w, 0, Math.min(start.weights.length, x.cols()));
            if (settings.fitIntercept()) {
                w[x.cols()] = start.intercept;
            }
        }
        TrustRegionNewton.Result r = new TrustRegionNewton(settings.maxIterations()).minimize(loss, w, target);
        if (report != null) {
            report[0] = new FitReport(r.iterations(), r.cgSteps(), r.value(), r.gradientNorm());
        }
        double b = settings.fitIntercept() ? w[x.cols()] : 0;
        return new LogisticRegression(java.util.Arrays.copyOf(w, x.cols()), b);
    }

    /** The coefficient of each feature (scikit-learn's {@code coef_[0]}). */
    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** The decision function {@code w·x + b} of each row. */
    public double[] decisionFunction(CsrMatrix x) {
        double[] z = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            double sum = intercept;
            for (int k = x.rowStart(i); k < x.rowEnd(i); k++) {
                int j = x.index(k);
                if (j < weights.length) {
                    sum += x.value(k) * weights[j];
                }
            }
            z[i] = sum;
        }
        return z;
    }

    @Override
    public double[] predictProbability(CsrMatrix x) {
        double[] z = decisionFunction(x);
        for (int i = 0; i < z.length; i++) {
            z[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return z;
    }
}
