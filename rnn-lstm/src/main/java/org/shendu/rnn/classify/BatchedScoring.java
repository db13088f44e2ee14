package org.shendu.rnn.classify;

import java.util.Arrays;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;

/**
 * Scores many texts with a {@link RecurrentClassifier}: in evaluation mode, without gradients, in
 * batches of 256 texts of similar lengths (sorted by length, so short texts do not pay for long
 * ones), the results back in the caller's order.
 */
public final class BatchedScoring {
    private static final int EVAL_BATCH = 256;

    private BatchedScoring() {}

    /** Mean cross-entropy and accuracy of the model on the members {@code rows}. */
    static double[] lossAndAccuracy(RecurrentClassifier model, EncodedTexts data, int[] rows, int width) {
        float[] logits = logits(model, data, rows, width);
        int classes = model.config().classes();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int y = data.labels()[rows[i]];
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int c = 0; c < classes; c++) {
                if (logits[i * classes + c] > max) {
                    max = logits[i * classes + c];
                    arg = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[i * classes + c] - max);
            }
            loss += max + Math.log(sum) - logits[i * classes + y];
            correct += arg == y ? 1 : 0;
        }
        return new double[] {loss / rows.length, correct / (double) rows.length};
    }

    /**
     * Logits {@code [rows, classes]} row-major, in the order of {@code rows}: in evaluation mode,
     * without gradients, in batches of similar lengths so that short texts do not pay for long ones.
     */
    public static float[] logits(RecurrentClassifier model, EncodedTexts data, int[] rows, int width) {
        boolean training = model.isTraining();
        model.eval();
        int classes = model.config().classes();
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(data.ids().get(rows[a]).length, data.ids().get(rows[b]).length));
        float[] out = new float[rows.length * classes];
        Device device = model.device();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < order.length; from += EVAL_BATCH) {
                int n = Math.min(EVAL_BATCH, order.length - from);
                int[] batch = new int[n];
                for (int i = 0; i < n; i++) {
                    batch[i] = rows[order[from + i]];
                }
                try (Scope s = Scope.open()) {
                    float[] z = model.forward(data.batch(device, batch, width), data.lengths(batch)).toFloatArray();
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(z, i * classes, out, order[from + i] * classes, classes);
                    }
                }
            }
        }
        if (training) {
            model.train();
        }
        return out;
    }
}
