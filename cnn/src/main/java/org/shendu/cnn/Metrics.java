package org.shendu.cnn;

import java.util.Locale;

/**
 * Classification metrics from a confusion matrix (rows: true class, columns: predicted), as
 * scikit-learn reports them: accuracy, and per class precision {@code TP / (TP + FP)}, recall
 * {@code TP / (TP + FN)} and F1.
 */
public final class Metrics {
    private final long[][] confusion;
    private long total;

    public Metrics(int classes) {
        confusion = new long[classes][classes];
    }

    public void add(int truth, int predicted) {
        confusion[truth][predicted]++;
        total++;
    }

    public int classes() {
        return confusion.length;
    }

    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    public long total() {
        return total;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    public double precision(int c) {
        long col = 0;
        for (long[] row : confusion) {
            col += row[c];
        }
        return col == 0 ? 0 : (double) confusion[c][c] / col;
    }

    public double recall(int c) {
        long row = 0;
        for (long v : confusion[c]) {
            row += v;
        }
        return row == 0 ? 0 : (double) confusion[c][c] / row;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** A plain-text table: one row per class with precision, recall, F1 and support. */
    public String report(String[] names) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < confusion.length; c++) {
            long support = 0;
            for (long v : confusion[c]) {
                support += v;
            }
            sb.append(String.format(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f %8d%n", names[c], precision(c), recall(c), f1(c), support));
        }
        sb.append(String.format(Locale.ROOT, "%-12s %29.4f %8d%n", "accuracy", accuracy(), total));
        return sb.toString();
    }
}
