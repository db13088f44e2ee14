package org.shendu.core.nn;

import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * Softmax cross-entropy {@code L = -(1/|valid|) sum_r log softmax(z_r)[y_r]} over rows of logits
 * {@code [N, C]} (or {@code [N, T, C]}, flattened) with int labels; rows whose label is the ignored
 * index (padding) count for nothing, as PyTorch's {@code ignore_index}.
 */
public final class CrossEntropyLoss {
    /** No label is ignored. */
    public static final int NO_IGNORE = Integer.MIN_VALUE;

    private CrossEntropyLoss() {}

    public static Tensor mean(Tensor logits, Tensor labels) {
        return mean(logits, labels, NO_IGNORE);
    }

    public static Tensor mean(Tensor logits, Tensor labels, int ignoreIndex) {
        int classes = logits.dim(-1);
        Tensor flat = logits.reshape(-1, classes);
        Tensor[] losses = Ops.crossEntropy(flat, labels.reshape(-1), ignoreIndex);
        Tensor count = losses[1].sum().clampMin(1f);
        return losses[0].sum().div(count);
    }
}
