package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * Max and mean pooling over time for padded batches: only each sequence's first {@code lengths[b]}
 * steps count, so padding never wins a max or dilutes a mean (a sentence classifier's pooled
 * features, Kim 2014; Conneau et al. 2017's max-pooled BiLSTM). Inputs are {@code [B, T, D]}
 * (batch-first) or {@code [T, B, D]}; outputs {@code [B, D]}. Differentiable: the mean's gradient
 * spreads over the real steps, the max's goes to the winning step.
 */
public final class SequencePooling {
    private SequencePooling() {}

    /** The largest value of each feature over each sequence's real steps. */
    public static Tensor max(Tensor x, int[] lengths, boolean batchFirst) {
        int timeAxis = batchFirst ? 1 : 0;
        Tensor mask = mask(x, lengths, batchFirst);
        Tensor masked = mask == null ? x : Tensor.where(mask, x, x.device().full(Float.NEGATIVE_INFINITY, 1));
        return masked.max(timeAxis);
    }

    /** The mean of each feature over each sequence's real steps. */
    public static Tensor mean(Tensor x, int[] lengths, boolean batchFirst) {
        int timeAxis = batchFirst ? 1 : 0, batch = x.dim(batchFirst ? 0 : 1), steps = x.dim(timeAxis);
        Tensor mask = mask(x, lengths, batchFirst);
        // where, not a product: whatever the padding holds (even inf or NaN) stays out of the sum.
        Tensor sum = (mask == null ? x : Tensor.where(mask, x, x.device().zeros(1))).sum(false, timeAxis);
        float[] inv = new float[batch];
        for (int b = 0; b < batch; b++) {
            inv[b] = 1f / (lengths == null ? steps : lengths[b]);
        }
        return sum.mul(x.device().tensor(inv, batch, 1));
    }

    /** A {@code [B, T, 1]} (or {@code [T, B, 1]}) 0/1 mask of the real steps; null when all are real. */
    private static Tensor mask(Tensor x, int[] lengths, boolean batchFirst) {
        if (x.rank() != 3) {
            throw new ShenduException("pooling over time needs [B, T, D] or [T, B, D], got " + x.shape());
        }
        int batch = x.dim(batchFirst ? 0 : 1), steps = x.dim(batchFirst ? 1 : 0);
        if (lengths == null) {
            if (steps == 0) {
                throw new ShenduException("pooling over time of empty sequences (T = 0)");
            }
            return null;
        }
        if (lengths.length != batch) {
            throw new ShenduException(lengths.length + " sequence lengths for a batch of " + batch);
        }
        float[] m = new float[batch * steps];
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 1 || lengths[b] > steps) {
                throw new ShenduException("sequence " + b + " has length " + lengths[b] + ": pooling needs 1.." + steps);
            }
            for (int t = 0; t < lengths[b]; t++) {
                m[batchFirst ? b * steps + t : t * batch + b] = 1f;
            }
        }
        Device d = x.device();
        return batchFirst ? d.tensor(m, batch, steps, 1) : d.tensor(m, steps, batch, 1);
    }
}
