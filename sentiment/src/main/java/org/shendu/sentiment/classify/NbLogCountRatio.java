package org.shendu.sentiment.classify;

import org.shendu.sentiment.features.CsrMatrix;

/**
 * The naive-Bayes log-count ratio of NBSVM (S. Wang and C. D. Manning, "Baselines and Bigrams:
 * Simple, Good Sentiment and Topic Classification", ACL 2012):
 * <pre>
 *   p = α + Σ_{i: yᵢ=1} xᵢ,   q = α + Σ_{i: yᵢ=0} xᵢ,   r = log((p / ‖p‖₁) / (q / ‖q‖₁))
 * </pre>
 * Features are scaled to {@code x ∘ r} and a linear model (here logistic regression) is trained
 * on them. Fitted on the training rows only, and inside each cross-validation fold.
 */
public final class NbLogCountRatio {
    private NbLogCountRatio() {}

    /** The ratio {@code r} from rows {@code x} (binarised counts in NBSVM) and labels 0/1. */
    public static double[] fit(CsrMatrix x, int[] labels, double alpha) {
        boolean[] positive = new boolean[labels.length];
        boolean[] negative = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == 1;
            negative[i] = labels[i] == 0;
        }
        double[] p = x.columnSums(positive);
        double[] q = x.columnSums(negative);
        double pSum = 0;
        double qSum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] += alpha;
            q[j] += alpha;
            pSum += p[j];
            qSum += q[j];
        }
        double[] r = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            r[j] = Math.log((p[j] / pSum) / (q[j] / qSum));
        }
        return r;
    }
}
