package org.shendu.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores scikit-learn users read for a two-class problem, from true labels and predicted
 * probabilities of class 1: ROC-AUC (the Kaggle "Bag of Words Meets Bags of Popcorn" metric),
 * accuracy, precision, recall and F1 of the positive class at threshold 0.5, and the confusion
 * matrix (rows true class 0/1, columns predicted class 0/1).
 */
public record BinaryMetrics(int count, double accuracy, double precision, double recall, double f1,
                            double rocAuc, long trueNegatives, long falsePositives, long falseNegatives,
                            long truePositives) {

    /** Metrics of probabilities {@code probability} (of label 1) against {@code labels} (0/1). */
    public static BinaryMetrics of(int[] labels, double[] probability) {
        if (labels.length != probability.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + probability.length + " probabilities");
        }
        ConfusionMatrix m = new ConfusionMatrix(2);
        for (int i = 0; i < labels.length; i++) {
            m.add(labels[i], probability[i] > 0.5 ? 1 : 0);
        }
        long[][] c = m.counts();
        return new BinaryMetrics(labels.length, m.accuracy(), m.precision(1), m.recall(1), m.f1(1),
                RocCurve.auc(labels, probability), c[0][0], c[0][1], c[1][0], c[1][1]);
    }

    /** The confusion matrix as {@code [[tn, fp], [fn, tp]]}, scikit-learn's layout. */
    public long[][] confusionMatrix() {
        return new long[][] {{trueNegatives, falsePositives}, {falseNegatives, truePositives}};
    }

    /** Field name to value, in a fixed order, for JSON output. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("accuracy", accuracy);
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("f1", f1);
        m.put("roc_auc", rocAuc);
        m.put("confusion_matrix", confusionMatrix());
        return m;
    }

    /** A short human-readable report: the scores, then the confusion matrix. */
    public String report() {
        return String.format(java.util.Locale.ROOT,
                "accuracy %.4f  precision %.4f  recall %.4f  F1 %.4f  ROC-AUC %.4f  (%d examples)%n"
                + "confusion matrix (rows true, columns predicted):%n"
                + "           pred 0   pred 1%n"
                + "  true 0 %8d %8d%n"
                + "  true 1 %8d %8d%n",
                accuracy, precision, recall, f1, rocAuc, count, trueNegatives, falsePositives, falseNegatives,
                truePositives);
    }
}
