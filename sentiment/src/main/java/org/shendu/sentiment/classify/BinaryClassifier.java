package org.shendu.sentiment.classify;

import org.shendu.sentiment.features.CsrMatrix;

/** A fitted two-class model that gives probabilities, as scikit-learn's {@code predict_proba[:, 1]}. */
public interface BinaryClassifier {

    /** For each row of {@code x}, the probability that its label is 1 (positive). */
    double[] predictProbability(CsrMatrix x);

    /** Labels at the 0.5 threshold, as scikit-learn's {@code predict}. */
    default int[] predict(CsrMatrix x) {
        double[] p = predictProbability(x);
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = p[i] > 0.5 ? 1 : 0;
        }
        return labels;
    }
}
