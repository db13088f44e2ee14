package org.shendu.core.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs, and the classification scores scikit-learn reports
 * from them: accuracy; per class precision {@code TP / (TP + FP)}, recall {@code TP / (TP + FN)},
 * F1 (their harmonic mean) and support; their macro averages (unweighted mean over classes) and
 * support-weighted averages. A ratio of 0/0 is 0, scikit-learn's {@code zero_division=0}.
 * Rows are true classes, columns predicted ones, as {@code sklearn.metrics.confusion_matrix}.
 */
public final class ConfusionMatrix {
    private final long[][] counts;
    private long total;

    /** An empty matrix for {@code classes} classes. */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("need at least one class, got " + classes);
        }
        counts = new long[classes][classes];
    }

    /** The matrix of predicted against true classes. */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < truth.length; i++) {
            m.add(truth[i], predicted[i]);
        }
        return m;
    }

    /** Counts one example. */
    public void add(int truth, int predicted) {
        if (truth < 0 || truth >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException("class out of range 0.." + (counts.length - 1) + ": true " + truth + ", predicted " + predicted);
        }
        counts[truth][predicted]++;
        total++;
    }

    /**
     * Counts a batch from its scores: {@code scores} is row-major {@code [truth.length, classes]}
     * (logits or probabilities) and the prediction is each row's highest score (the first on a tie).
     */
    public void addScores(int[] truth, float[] scores) {
        int k = counts.length;
        if (scores.length != truth.length * k) {
            throw new IllegalArgumentException(scores.length + " scores for " + truth.length + " examples of " + k + " classes");
        }
        for (int i = 0; i < truth.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (scores[i * k + c] > scores[i * k + best]) {
                    best = c;
                }
            }
            add(truth[i], best);
        }
    }

    public int classes() {
        return counts.length;
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    public long total() {
        return total;
    }

    /** The share of examples on the diagonal; NaN when empty. */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    public double recall(int c) {
        long support = support(c);
        return support == 0 ? 0 : (double) counts[c][c] / support;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Examples whose true class is {@code c}. */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    /** Unweighted mean of the per-class precisions ({@code average='macro'}). */
    public double macroPrecision() {
        return macro(this::precision);
    }

    public double macroRecall() {
        return macro(this::recall);
    }

    /** Mean of the per-class F1 scores (not the F1 of the macro precision and recall, as scikit-learn). */
    public double macroF1() {
        return macro(this::f1);
    }

    /** Support-weighted mean of the per-class F1 scores ({@code average='weighted'}). */
    public double weightedF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c) * support(c);
        }
        return total == 0 ? 0 : sum / total;
    }

    private double macro(java.util.function.IntToDoubleFunction score) {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += score.applyAsDouble(c);
        }
        return sum / counts.length;
    }

    /** Field name to value, in a fixed order, for JSON output. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", total);
        m.put("accuracy", accuracy());
        m.put("macro_precision", macroPrecision());
        m.put("macro_recall", macroRecall());
        m.put("macro_f1", macroF1());
        m.put("confusion_matrix", counts());
        return m;
    }

    /**
     * A plain-text table as scikit-learn's {@code classification_report}: one row per class with
     * precision, recall, F1 and support, then accuracy, the macro and the weighted averages.
     */
    public String report(String[] names) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support"));
        double wp = 0, wr = 0;
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", names[c], precision(c), recall(c), f1(c), support(c)));
            wp += precision(c) * support(c);
            wr += recall(c) * support(c);
        }
        double n = Math.max(1, total);
        sb.append(String.format(Locale.ROOT, "%-12s %29.4f %8d%n", "accuracy", accuracy(), total));
        sb.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", "macro avg", macroPrecision(), macroRecall(), macroF1(), total));
        sb.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", "weighted avg", wp / n, wr / n, weightedF1(), total));
        return sb.toString();
    }
}
