package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.List;
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
 * Padded batches pass {@code lengths}: past a sequence's end its state is carried and its output is
 * zero, so the final state is the last real one; the reverse direction reads each sequence from its
 * own last real step. Each layer and direction runs as the backend's fused sequence op. Weights are
 * uniform in {@code +-1/sqrt(hidden)}.
 */
public final class Lstm extends Module {
    private final int inputSize, hiddenSize, layers;
    private final boolean bidirectional, batchFirst;
    private final float dropout;
    private final List<Tensor[]> weights = new ArrayList<>();

    /** What a forward pass gives. */
    public record Output(
            /** Every step's top-layer hidden state {@code [T, B, D H]} (or {@code [B, T, D H]} batch-first). */
            Tensor output,
            /** The last real hidden state of the top layer, directions concatenated: {@code [B, D H]}. */
            Tensor last,
            /** Final hidden states {@code [layers D, B, H]}. */
            Tensor hN,
            /** Final cell states {@code [layers D, B, H]}. */
            Tensor cN) {}

    /** Options beyond the sizes; defaults: 1 layer, unidirectional, sequence-major, no dropout. */
    public static final class Builder {
        private final Device device;
        private final int inputSize, hiddenSize;
        private int layers = 1;
        private boolean bidirectional, batchFirst;
        private float dropout;

        private Builder(Device device, int inputSize, int hiddenSize) {
            this.device = device;
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Builder layers(int n) {
            layers = n;
            return this;
        }

        public Builder bidirectional(boolean b) {
            bidirectional = b;
            return this;
        }

        /** Input and output as {@code [B, T, ...]} instead of {@code [T, B, ...]}. */
        public Builder batchFirst(boolean b) {
            batchFirst = b;
            return this;
        }

        /** Dropout on the outputs of every layer but the last, in training mode. */
        public Builder dropout(float p) {
            dropout = p;
            return this;
        }

        public Lstm build() {
            return new Lstm(this);
        }
    }

    public static Builder builder(Device device, int inputSize, int hiddenSize) {
        return new Builder(device, inputSize, hiddenSize);
    }

    private Lstm(Builder b) {
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.layers = b.layers;
        this.bidirectional = b.bidirectional;
        this.batchFirst = b.batchFirst;
        this.dropout = b.dropout;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        int dirs = bidirectional ? 2 : 1;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                Device dev = b.device;
                weights.add(new Tensor[] {
                    parameter("weight_ih" + sfx, () -> dev.uniform(-bound, bound, 4 * hiddenSize, in)),
                    parameter("weight_hh" + sfx, () -> dev.uniform(-bound, bound, 4 * hiddenSize, hiddenSize)),
                    parameter("bias_ih" + sfx, () -> dev.uniform(-bound, bound, 4 * hiddenSize)),
                    parameter("bias_hh" + sfx, () -> dev.uniform(-bound, bound, 4 * hiddenSize))
                });
            }
        }
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int inputSize() {
        return inputSize;
    }

    /** Runs every layer over x, all sequences full length. */
    public Output forward(Tensor x) {
        return forward(x, null);
    }

    /** Runs every layer over x; sequence b has {@code lengths[b]} real steps (null: all). */
    public Output forward(Tensor x, int[] lengths) {
        Tensor seq = batchFirst ? x.transpose(0, 1) : x;
        int steps = seq.dim(0), batch = seq.dim(1);
        Device dev = x.device();
        Tensor reverseIds = bidirectional ? dev.ints(reversal(steps, batch, lengths), steps * batch) : null;
        List<Tensor> hs = new ArrayList<>(), cs = new ArrayList<>();
        Tensor[] lastOfTop = null;
        int dirs = bidirectional ? 2 : 1;
        for (int l = 0; l < layers; l++) {
            Tensor[] outs = new Tensor[dirs];
            lastOfTop = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                Tensor[] w = weights.get(l * dirs + d);
                Tensor in = d == 0 ? seq : reverse(seq, reverseIds);
                Tensor h0 = dev.zeros(batch, hiddenSize), c0 = dev.zeros(batch, hiddenSize);
                Tensor[] r = Ops.lstm(in, w[0], w[1], w[2], w[3], h0, c0, lengths);
                outs[d] = d == 0 ? r[0] : reverse(r[0], reverseIds);
                hs.add(r[1]);
                cs.add(r[2]);
                lastOfTop[d] = r[1];
            }
            seq = dirs == 1 ? outs[0] : Tensor.concat(2, outs);
            if (dropout > 0 && isTraining() && l < layers - 1) {
                seq = seq.mul(Ops.dropoutMask(dev, dropout, seq.dims()));
            }
        }
        Tensor last = dirs == 1 ? lastOfTop[0] : Tensor.concat(1, lastOfTop);
        Tensor hN = Tensor.concat(0, hs.stream().map(h -> h.reshape(1, batch, hiddenSize)).toArray(Tensor[]::new));
        Tensor cN = Tensor.concat(0, cs.stream().map(c -> c.reshape(1, batch, hiddenSize)).toArray(Tensor[]::new));
        return new Output(batchFirst ? seq.transpose(0, 1) : seq, last, hN, cN);
    }

    /** Row index (t, b) -> the row holding step {@code len_b - 1 - t} of sequence b (padding stays put). */
    private static int[] reversal(int steps, int batch, int[] lengths) {
        int[] ids = new int[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int len = lengths == null ? steps : lengths[b];
                int src = t < len ? len - 1 - t : t;
                ids[t * batch + b] = src * batch + b;
            }
        }
        return ids;
    }

    private static Tensor reverse(Tensor seq, Tensor ids) {
        int steps = seq.dim(0), batch = seq.dim(1), width = seq.dim(2);
        return Ops.gatherRows(seq.reshape(steps * batch, width), ids).reshape(steps, batch, width);
    }
}
