package org.shendu.rnn.classify;

import org.shendu.core.Tensor;
import org.shendu.core.nn.SequencePooling;

/**
 * How a recurrent classifier turns the per-step outputs {@code [B, T, C]} of a batch into one
 * vector per sequence. Only the real steps of each sequence count (steps {@code t < length_b}):
 * <ul>
 *   <li>{@code LAST}: the state after the last real step (for a bidirectional network, the forward
 *       state after the last step beside the backward state after the first, as {@code h_n});</li>
 *   <li>{@code MEAN}: {@code (1/len) sum_{t<len} y_t};</li>
 *   <li>{@code MAX}: {@code max_{t<len} y_t} per channel (the "max-over-time" pooling of Collobert
 *       et al. 2011 and Conneau et al. 2017's InferSent);</li>
 *   <li>{@code MEAN_MAX}, {@code LAST_MEAN_MAX}: those vectors concatenated (Howard and Ruder 2018's
 *       "concat pooling").</li>
 * </ul>
 * Mean and max are core's masked {@link SequencePooling}.
 */
public enum Pooling {
    LAST(1), MEAN(1), MAX(1), MEAN_MAX(2), LAST_MEAN_MAX(3);

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
        return SequencePooling.mean(outputs, lengths, true);
    }

    static Tensor max(Tensor outputs, int[] lengths) {
        return SequencePooling.max(outputs, lengths, true);
    }
}
