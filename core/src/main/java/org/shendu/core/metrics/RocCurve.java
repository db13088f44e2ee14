package org.shendu.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The receiver operating characteristic of scores against 0/1 labels, as scikit-learn's
 * {@code roc_curve(drop_intermediate=False)}: one point per distinct score, from the highest
 * threshold down, starting at (0, 0) with threshold +inf. Tied scores form a single step, so the
 * area under the curve by the trapezoid rule ({@code roc_auc_score}) equals the Mann-Whitney
 * statistic with ties counted half.
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds) {

    /** The curve of {@code scores} (higher means more likely positive) against {@code labels}. */
    public static RocCurve of(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + scores.length + " scores");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = Arrays.stream(labels).filter(l -> l == 1).count();
        long negatives = labels.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, Double.POSITIVE_INFINITY});
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (labels[i] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 == order.length || scores[order[k + 1]] != scores[i]) {
                points.add(new double[] {
                    negatives == 0 ? Double.NaN : fp / (double) negatives,
                    positives == 0 ? Double.NaN : tp / (double) positives,
                    scores[i]});
            }
        }
        double[] fpr = new double[points.size()];
        double[] tpr = new double[points.size()];
        double[] thr = new double[points.size()];
        for (int p = 0; p < fpr.length; p++) {
            fpr[p] = points.get(p)[0];
            tpr[p] = points.get(p)[1];
            thr[p] = points.get(p)[2];
        }
        return new RocCurve(fpr, tpr, thr);
    }

    /** ROC-AUC of {@code scores} against {@code labels} (0/1), as {@code sklearn.metrics.roc_auc_score}. */
    public static double auc(int[] labels, double[] scores) {
        return of(labels, scores).area();
    }

    /** Area under the curve (trapezoid rule); NaN when one class is absent. */
    public double area() {
        double area = 0;
        for (int p = 1; p < falsePositiveRate.length; p++) {
            area += (falsePositiveRate[p] - falsePositiveRate[p - 1])
                    * (truePositiveRate[p] + truePositiveRate[p - 1]) / 2;
        }
        return area;
    }
}
