package org.shendu.sentiment.classify;

import org.shendu.sentiment.features.CsrMatrix;

/**
 * Multinomial naive Bayes with additive (Laplace/Lidstone) smoothing, as scikit-learn's
 * {@code MultinomialNB}:
 * <pre>
 *   log P(c)     = log(n_c / n)
 *   log P(t | c) = log((N_ct + α) / (N_c + α·|V|))
 *   score(c, x)  = log P(c) + Σ_t x_t log P(t | c)
 * </pre>
 * where {@code N_ct} sums feature {@code t} over the rows of class {@code c}. The probability of
 * class 1 is the softmax of the two scores (McCallum and Nigam, 1998).
 */
public final class MultinomialNaiveBayes implements BinaryClassifier {
    private final double[] logProbNegative;
    private final double[] logProbPositive;
    private final double logPriorNegative;
    private final double logPriorPositive;

    public MultinomialNaiveBayes(double[] logProbNegative, double[] logProbPositive,
                                 double logPriorNegative, double logPriorPositive) {
        this.logProbNegative = logProbNegative;
        this.logProbPositive = logProbPositive;
        this.logPriorNegative = logPriorNegative;
        this.logPriorPositive = logPriorPositive;
    }

    /** Fits on non-negative features (counts or TF-IDF) and labels 0/1 with smoothing {@code alpha}. */
    public static MultinomialNaiveBayes fit(CsrMatrix x, int[] labels, double alpha) {
        boolean[] positive = new boolean[labels.length];
        boolean[] negative = new boolean[labels.length];
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            positive[i] = labels[i] == 1;
            negative[i] = labels[i] == 0;
            positives += labels[i] == 1 ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("naive Bayes needs examples of both classes");
        }
        return new MultinomialNaiveBayes(logProbabilities(x.columnSums(negative), alpha),
                logProbabilities(x.columnSums(positive), alpha),
                Math.log((labels.length - positives) / (double) labels.length),
                Math.log(positives / (double) labels.length));
    }

    private static double[] logProbabilities(double[] counts, double alpha) {
        double total = 0;
        for (double c : counts) {
            total += c + alpha;
        }
        double[] out = new double[counts.length];
        double logTotal = Math.log(total);
        for (int j = 0; j < counts.length; j++) {
            out[j] = Math.log(counts[j] + alpha) - logTotal;
        }
        return out;
    }

    public double[] logProbNegative() {
        return logProbNegative.clone();
    }

    public double[] logProbPositive() {
        return logProbPositive.clone();
    }

    public double logPriorNegative() {
        return logPriorNegative;
    }

    public double logPriorPositive() {
        return logPriorPositive;
    }

    /** Per feature, how much more likely it is under the positive class: {@code log P(t|1) − log P(t|0)}. */
    public double[] logRatios() {
        double[] r = new double[logProbPositive.length];
        for (int j = 0; j < r.length; j++) {
            r[j] = logProbPositive[j] - logProbNegative[j];
        }
        return r;
    }

    @Override
    public double[] predictProbability(CsrMatrix x) {
        double[] p = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            double diff = logPriorPositive - logPriorNegative;
            for (int k = x.rowStart(i); k < x.rowEnd(i); k++) {
                int j = x.index(k);
                diff += x.value(k) * (logProbPositive[j] - logProbNegative[j]);
            }
            p[i] = 1 / (1 + Math.exp(-diff));
        }
        return p;
    }
}
