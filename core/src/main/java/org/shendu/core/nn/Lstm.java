package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * A long short-term memory network (Hochreiter and Schmidhuber 1997, with the forget gate of Gers
 * et al. 2000), several layers deep and optionally bidirectional, as PyTorch's {@code nn.LSTM}:
 * <pre>
 *   i = sigma(W_ii x + b_ii + W_hi h + b_hi)     f = sigma(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)      o = sigma(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g                           h' = o * tanh(c')
 * </pre>
 * Gates are stacked {@code i, f, g, o} in the weights. Each layer and direction runs as the
 * backend's fused sequence op ({@link Ops#lstm}); {@link #step} runs it over one step. Lengths,
 * states and parameter names: see {@link Recurrent}.
 */
public final class Lstm extends Recurrent {

    /** A builder; see {@link Recurrent.Builder} for the options. */
    public static Builder<Lstm> builder(Device device, int inputSize, int hiddenSize) {
        return new Builder<>(Lstm::new, device, inputSize, hiddenSize);
    }

    Lstm(Builder<?> b) {
        super(b, 4);
    }

    @Override
    boolean hasCell() {
        return true;
    }

    @Override
    Tensor[] layer(Tensor x, Tensor[] w, Tensor h0, Tensor c0, int[] lengths) {
        return Ops.lstm(x, w[0], w[1], w[2], w[3], h0, c0, lengths);
    }
}
