package org.shendu.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * What an LSTM, a GRU and a plain RNN share, as PyTorch's {@code nn.RNNBase}: several layers deep,
 * optionally bidirectional, padded batches with per-sequence {@code lengths}, an initial and a final
 * {@link RecurrentState}, and {@link #step} to advance a batch by one token with the carried state
 * (a language model samples in O(length) instead of re-running its prefix).
 *
 * <p>Parameters are named and laid out as PyTorch's ({@code weight_ih_l0 [G H, in]},
 * {@code weight_hh_l0 [G H, H]}, {@code bias_ih_l0}, {@code bias_hh_l0}, {@code _reverse} for the
 * backward direction; G = 4, 3, 1 gates for LSTM, GRU, RNN), so a PyTorch state dict maps name for
 * name; all are uniform in {@code +-1/sqrt(H)}. Past a sequence's end its state is carried and its
 * output is zero, so the final state is the last real one; the reverse direction reads each sequence
 * from its own last real step.
 */
public abstract class Recurrent extends Module {
    private final int inputSize, hiddenSize, layers, gates;
    private final boolean bidirectional, batchFirst;
    private final float dropout;
    private final List<Tensor[]> weights = new ArrayList<>();

    /** What a forward pass gives. */
    public record Output(
            /** Every step's top-layer hidden state {@code [T, B, D H]} (or {@code [B, T, D H]} batch-first). */
            Tensor output,
            /** The last real hidden state of the top layer, directions concatenated: {@code [B, D H]}. */
            Tensor last,
            /** The final state of every layer and direction, to pass on to the next chunk or step. */
            RecurrentState state) {

        /** Final hidden states {@code [layers D, B, H]}. */
        public Tensor hN() {
            return state.h();
        }

        /** Final cell states {@code [layers D, B, H]} (LSTM only; null otherwise). */
        public Tensor cN() {
            return state.c();
        }
    }

    /** What one {@link #step} gives: the top layer's new hidden state {@code [B, H]} and the next state. */
    public record StepOutput(Tensor output, RecurrentState state) {}

    /** The kind of cell, for a {@code --cell lstm|gru|rnn|rnn_relu} option. */
    public enum Cell {
        LSTM, GRU, RNN_TANH, RNN_RELU;

        /** {@code lstm}, {@code gru}, {@code rnn} (= {@code rnn_tanh}) or {@code rnn_relu}, any case. */
        public static Cell parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "lstm" -> LSTM;
                case "gru" -> GRU;
                case "rnn", "rnn_tanh" -> RNN_TANH;
                case "rnn_relu" -> RNN_RELU;
                default -> throw new ShenduException("unknown recurrent cell '" + name
                        + "': use lstm, gru, rnn (tanh) or rnn_relu");
            };
        }
    }

    /** Options beyond the sizes; defaults: 1 layer, unidirectional, sequence-major, no dropout. */
    public static final class Builder<R extends Recurrent> {
        private final Function<Builder<R>, R> make;
        final Device device;
        final int inputSize, hiddenSize;
        int layers = 1;
        boolean bidirectional, batchFirst;
        float dropout;

        Builder(Function<Builder<R>, R> make, Device device, int inputSize, int hiddenSize) {
            if (inputSize < 1 || hiddenSize < 1) {
                throw new ShenduException("a recurrent network needs input and hidden sizes >= 1, got "
                        + inputSize + " and " + hiddenSize);
            }
            this.make = make;
            this.device = device;
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Builder<R> layers(int n) {
            if (n < 1) {
                throw new ShenduException("a recurrent network needs at least 1 layer, got " + n);
            }
            layers = n;
            return this;
        }

        public Builder<R> bidirectional(boolean b) {
            bidirectional = b;
            return this;
        }

        /** Input and output as {@code [B, T, ...]} instead of {@code [T, B, ...]} (states stay {@code [L D, B, H]}). */
        public Builder<R> batchFirst(boolean b) {
            batchFirst = b;
            return this;
        }

        /** Dropout on the outputs of every layer but the last, in training mode. */
        public Builder<R> dropout(float p) {
            if (!(p >= 0 && p < 1)) {
                throw new ShenduException("dropout must be in [0, 1), got " + p);
            }
            dropout = p;
            return this;
        }

        public R build() {
            return make.apply(this);
        }
    }

    /** A builder for the cell a command line names (see {@link Cell#parse}). */
    public static Builder<Recurrent> builder(Cell cell, Device device, int inputSize, int hiddenSize) {
        return new Builder<>(b -> switch (cell) {
            case LSTM -> new Lstm(b);
            case GRU -> new Gru(b);
            case RNN_TANH -> new Rnn(b, false);
            case RNN_RELU -> new Rnn(b, true);
        }, device, inputSize, hiddenSize);
    }

    Recurrent(Builder<?> b, int gates) {
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.layers = b.layers;
        this.bidirectional = b.bidirectional;
        this.batchFirst = b.batchFirst;
        this.dropout = b.dropout;
        this.gates = gates;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        int dirs = directions();
        Device dev = b.device;
        int gh = gates * hiddenSize;
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                weights.add(new Tensor[] {
                    parameter("weight_ih" + sfx, () -> dev.uniform(-bound, bound, gh, in)),
                    parameter("weight_hh" + sfx, () -> dev.uniform(-bound, bound, gh, hiddenSize)),
                    parameter("bias_ih" + sfx, () -> dev.uniform(-bound, bound, gh)),
                    parameter("bias_hh" + sfx, () -> dev.uniform(-bound, bound, gh))
                });
            }
        }
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int layers() {
        return layers;
    }

    public boolean bidirectional() {
        return bidirectional;
    }

    public boolean batchFirst() {
        return batchFirst;
    }

    /** 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Whether the state has cell states c (an LSTM). */
    abstract boolean hasCell();

    /**
     * One layer in one direction over {@code x [T, B, in]} from {@code h0} (and {@code c0}, LSTM only),
     * weights {@code {wIh, wHh, bIh, bHh}}; returns {@code {y [T, B, H], hT, cT}} (cT null without a cell).
     */
    abstract Tensor[] layer(Tensor x, Tensor[] w, Tensor h0, Tensor c0, int[] lengths);

    /** Runs every layer over x from zero states, all sequences full length. */
    public Output forward(Tensor x) {
        return forward(x, null, null);
    }

    /** Runs every layer over x from zero states; sequence b has {@code lengths[b]} real steps (null: all). */
    public Output forward(Tensor x, int[] lengths) {
        return forward(x, lengths, null);
    }

    /**
     * Runs every layer over x from {@code initial} (null: zeros); sequence b has {@code lengths[b]}
     * real steps (null: all). The output's {@link Output#state()} continues the sequences.
     */
    public Output forward(Tensor x, int[] lengths, RecurrentState initial) {
        if (x.rank() != 3 || x.dim(2) != inputSize) {
            throw new ShenduException(name() + " expects input " + (batchFirst ? "[B, T, " : "[T, B, ") + inputSize
                    + "], got " + x.shape());
        }
        Output o = run(batchFirst ? x.transpose(0, 1) : x, lengths, initial);
        return batchFirst ? new Output(o.output().transpose(0, 1), o.last(), o.state()) : o;
    }

    /**
     * Advances a batch of sequences by one token: {@code xt [B, in]} from {@code state} (null: zeros).
     * Returns the top layer's new hidden state {@code [B, H]} (what a language model's head reads) and
     * the next state. The same arithmetic as {@link #forward} over the whole sequence, one step at a
     * time; unidirectional networks only (a reverse direction needs the sequence's end).
     */
    public StepOutput step(Tensor xt, RecurrentState state) {
        if (bidirectional) {
            throw new ShenduException("step() advances one direction; this " + name()
                    + " is bidirectional: run forward() over the whole sequence instead");
        }
        if (xt.rank() != 2 || xt.dim(1) != inputSize) {
            throw new ShenduException(name() + ".step expects input [B, " + inputSize + "], got " + xt.shape());
        }
        Output o = run(xt.reshape(1, xt.dim(0), inputSize), null, state);
        return new StepOutput(o.last(), o.state());
    }

    private String name() {
        return getClass().getSimpleName();
    }

    private Output run(Tensor seq, int[] lengths, RecurrentState initial) {
        int steps = seq.dim(0), batch = seq.dim(1), dirs = directions();
        checkLengths(lengths, steps, batch);
        checkState(initial, batch);
        Device dev = seq.device();
        Tensor reverseIds = bidirectional ? dev.ints(reversal(steps, batch, lengths), steps * batch) : null;
        Tensor[] hs = new Tensor[layers * dirs], cs = hasCell() ? new Tensor[layers * dirs] : null;
        Tensor[] lastOfTop = null;
        for (int l = 0; l < layers; l++) {
            Tensor[] outs = new Tensor[dirs];
            lastOfTop = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                int k = l * dirs + d;
                Tensor in = d == 0 ? seq : reverse(seq, reverseIds);
                Tensor h0 = initial == null ? dev.zeros(batch, hiddenSize) : slot(initial.h(), k);
                Tensor c0 = !hasCell() ? null : initial == null ? dev.zeros(batch, hiddenSize) : slot(initial.c(), k);
                Tensor[] r = layer(in, weights.get(k), h0, c0, lengths);
                outs[d] = d == 0 ? r[0] : reverse(r[0], reverseIds);
                hs[k] = r[1].reshape(1, batch, hiddenSize);
                if (cs != null) {
                    cs[k] = r[2].reshape(1, batch, hiddenSize);
                }
                lastOfTop[d] = r[1];
            }
            seq = dirs == 1 ? outs[0] : Tensor.concat(2, outs);
            if (dropout > 0 && isTraining() && l < layers - 1) {
                seq = seq.mul(Ops.dropoutMask(dev, dropout, seq.dims()));
            }
        }
        Tensor last = dirs == 1 ? lastOfTop[0] : Tensor.concat(1, lastOfTop);
        // concat copies even a single part, so the state owns its storage and a Scope can keep it.
        Tensor hN = Tensor.concat(0, hs);
        Tensor cN = cs == null ? null : Tensor.concat(0, cs);
        return new Output(seq, last, new RecurrentState(hN, cN));
    }

    private Tensor slot(Tensor states, int k) {
        return states.narrow(0, k, 1).reshape(states.dim(1), hiddenSize);
    }

    private static void checkLengths(int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return;
        }
        if (lengths.length != batch) {
            throw new ShenduException(lengths.length + " sequence lengths for a batch of " + batch);
        }
        for (int b = 0; b < batch; b++) {
            if (lengths[b] < 0 || lengths[b] > steps) {
                throw new ShenduException("sequence " + b + " has length " + lengths[b] + ", outside 0.." + steps);
            }
        }
    }

    private void checkState(RecurrentState s, int batch) {
        if (s == null) {
            return;
        }
        int[] want = {layers * directions(), batch, hiddenSize};
        if (!java.util.Arrays.equals(s.h().dims(), want)) {
            throw new ShenduException(name() + " state h must be " + java.util.Arrays.toString(want) + ", got "
                    + s.h().shape());
        }
        if (hasCell() && s.c() == null) {
            throw new ShenduException(name() + " needs a state with cell states c; this one has only h");
        }
        if (!hasCell() && s.c() != null) {
            throw new ShenduException(name() + " keeps no cell state; pass a state with h only (c = null)");
        }
    }

    /**
     * Runs a cell written with tensor ops over {@code x [T, B, in]}: the input projections of all
     * steps in one product, then per step {@code h = cell(x_t W_ih^T + b_ih, h)} with carried state
     * past each sequence's end. Returns {@code {y, hT, null}}.
     */
    static Tensor[] scan(Tensor x, Tensor[] w, Tensor h0, int[] lengths, BinaryOperator<Tensor> cell) {
        int steps = x.dim(0), batch = x.dim(1), hidden = h0.dim(1);
        Tensor xg = x.reshape(steps * batch, x.dim(2)).matmul(w[0], false, true).add(w[2]);
        Tensor h = h0;
        Tensor[] outs = new Tensor[steps];
        for (int t = 0; t < steps; t++) {
            Tensor fresh = cell.apply(steps == 1 ? xg : xg.narrow(0, t * batch, batch), h);
            Tensor mask = stepMask(x.device(), lengths, t, batch);
            if (mask == null) {
                h = fresh;
                outs[t] = fresh.reshape(1, batch, hidden);
            } else {
                h = h.add(fresh.sub(h).mul(mask));
                outs[t] = fresh.mul(mask).reshape(1, batch, hidden);
            }
        }
        Tensor y = steps == 0 ? x.device().zeros(0, batch, hidden) : steps == 1 ? outs[0] : Tensor.concat(0, outs);
        return new Tensor[] {y, h, null};
    }

    /** A {@code [B, 1]} mask, 1 where step t is inside sequence b; null when every sequence is. */
    private static Tensor stepMask(Device dev, int[] lengths, int t, int batch) {
        if (lengths == null) {
            return null;
        }
        float[] m = new float[batch];
        boolean all = true;
        for (int b = 0; b < batch; b++) {
            m[b] = t < lengths[b] ? 1f : 0f;
            all &= t < lengths[b];
        }
        return all ? null : dev.tensor(m, batch, 1);
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
