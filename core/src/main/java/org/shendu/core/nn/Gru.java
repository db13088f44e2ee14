package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * A gated recurrent unit network (Cho et al. 2014), several layers deep and optionally
 * bidirectional, as PyTorch's {@code nn.GRU}:
 * <pre>
 *   r = sigma(W_ir x + b_ir + W_hr h + b_hr)     z = sigma(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Gates are stacked {@code r, z, n} in the weights. Composed from tensor ops (no fused kernel), so
 * autograd differentiates it. Lengths, states and parameter names: see {@link Recurrent}.
 */
public final class Gru extends Recurrent {

    /** A builder; see {@link Recurrent.Builder} for the options. */
    public static Builder<Gru> builder(Device device, int inputSize, int hiddenSize) {
        return new Builder<>(Gru::new, device, inputSize, hiddenSize);
    }

    Gru(Builder<?> b) {
        super(b, 3);
    }

    @Override
    boolean hasCell() {
        return false;
    }

    @Override
    Tensor[] layer(Tensor x, Tensor[] w, Tensor h0, Tensor c0, int[] lengths) {
        int hidden = h0.dim(1);
        return scan(x, w, h0, lengths, (xg, h) -> {
            Tensor hg = h.matmul(w[1], false, true).add(w[3]);
            Tensor r = xg.narrow(1, 0, hidden).add(hg.narrow(1, 0, hidden)).sigmoid();
            Tensor z = xg.narrow(1, hidden, hidden).add(hg.narrow(1, hidden, hidden)).sigmoid();
            Tensor n = xg.narrow(1, 2 * hidden, hidden).add(r.mul(hg.narrow(1, 2 * hidden, hidden))).tanh();
            // (1 - z) n + z h, written with one product fewer.
            return n.add(z.mul(h.sub(n)));
        });
    }
}
