package org.shendu.rnn.classify;

import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * How a recurrent classifier turns the per-step outputs {@code [B, T, C]} of a batch into one
 * vector per sequence. Only the real steps of each sequence count (steps {@code t < length_b}):
 * <ul>
 *   <li>{@code LAST}: the state after the last real step (for a bidirectional network, the forward
 *       state after the last step beside the backward state after the first, as {@code h_n});</li>
 *   <li>{@code MEAN}: {@code (1/len) sum_{t<len} y_t} (padded outputs are zero, so a sum over all T
 *       divided by the length);</li>
 *   <li>{@code MAX}: {@code max_{t<len} y_t} per channel (padded steps pushed far below any output
 *       before the maximum: the "max-over-time" pooling of Collobert et al. 2011 and Conneau et al.
 *       2017's InferSent);</li>
 *   <li>{@code MEAN_MAX}, {@code LAST_MEAN_MAX}: those vectors concatenated (Howard and Ruder 2018's
 *       "concat pooling").</li>
 * </ul>
 */
public enum Pooling {
    LAST(1), MEAN(1), MAX(1), MEAN_MAX(2), LAST_MEAN_MAX(3);

    /** A value no LSTM/GRU output (in [-1, 1]) comes near: padded steps never win the maximum. */
    private static final float BELOW_ANY_OUTPUT = -1e4f;

    private final int parts;

    Pooling(int parts) {
        this.parts = parts;
    }

    /** Width of the pooled vector for per-step outputs of width {@code channels}. */
    public int width(int channels) {
        return parts * channels;
    }

    /** The command-line spelling: {@code mean-max}. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Pooling parse(String s) {
        for (Pooling p : values()) {
            if (p.spelling().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + s + "'; use last, mean, max, mean-max or last-mean-max");
    }

    /**
     * Pools {@code outputs [B, T, C]} (zero past each sequence's end); {@code last [B, C]} is the
     * state after each sequence's last real step; {@code lengths} null means every sequence is T long.
     */
    public Tensor pool(Tensor outputs, Tensor last, int[] lengths) {
        return switch (this) {
            case LAST -> last;
            case MEAN -> mean(outputs, lengths);
            case MAX -> max(outputs, lengths);
            case MEAN_MAX -> Tensor.concat(1, mean(outputs, lengths), max(outputs, lengths));
            case LAST_MEAN_MAX -> Tensor.concat(1, last, mean(outputs, lengths), max(outputs, lengths));
        };
    }

    static Tensor mean(Tensor outputs, int[] lengths) {
        int batch = outputs.dim(0), steps = outputs.dim(1);
        float[] inverse = new float[batch];
        for (int b = 0; b < batch; b++) {
            inverse[b] = 1f / (lengths == null ? steps : Math.max(1, lengths[b]));
        }
        return outputs.sum(false, 1).mul(outputs.device().tensor(inverse, batch, 1));
    }

    static Tensor max(Tensor outputs, int[] lengths) {
        int batch = outputs.dim(0), steps = outputs.dim(1);
        Tensor x = outputs;
        if (lengths != null) {
            float[] penalty = new float[batch * steps];
            boolean any = false;
            for (int b = 0; b < batch; b++) {
                for (int t = lengths[b]; t < steps; t++) {
                    penalty[b * steps + t] = BELOW_ANY_OUTPUT;
                    any = true;
                }
            }
            if (any) {
                Device d = outputs.device();
                x = x.add(d.tensor(penalty, batch, steps, 1));
            }
        }
        return maxOverSteps(x);
    }

    /** The maximum over axis 1 by pairwise halving: log2(T) elementwise maxima, each with its gradient. */
    private static Tensor maxOverSteps(Tensor x) {
        while (x.dim(1) > 1) {
            int t = x.dim(1), half = t / 2;
            Tensor m = x.narrow(1, 0, half).maximum(x.narrow(1, half, half));
            x = t % 2 == 0 ? m : Tensor.concat(1, m, x.narrow(1, t - 1, 1));
        }
        return x.reshape(x.dim(0), x.dim(2));
    }
}
