package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * An Elman recurrent network (Elman 1990), several layers deep and optionally bidirectional, as
 * PyTorch's {@code nn.RNN}: {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)} with {@code act} tanh
 * (the default) or relu. Composed from tensor ops. Lengths, states and parameter names: see
 * {@link Recurrent}.
 */
public final class Rnn extends Recurrent {
    private final boolean relu;

    /** A tanh RNN's builder; see {@link Recurrent.Builder} for the options. */
    public static Builder<Rnn> builder(Device device, int inputSize, int hiddenSize) {
        return builder(device, inputSize, hiddenSize, false);
    }

    /** A builder with relu ({@code nonlinearity='relu'} in PyTorch) or tanh. */
    public static Builder<Rnn> builder(Device device, int inputSize, int hiddenSize, boolean relu) {
        return new Builder<>(b -> new Rnn(b, relu), device, inputSize, hiddenSize);
    }

    Rnn(Builder<?> b, boolean relu) {
        super(b, 1);
        this.relu = relu;
    }

    /** Whether the nonlinearity is relu (else tanh). */
    public boolean relu() {
        return relu;
    }

    @Override
    boolean hasCell() {
        return false;
    }

    @Override
    Tensor[] layer(Tensor x, Tensor[] w, Tensor h0, Tensor c0, int[] lengths) {
        return scan(x, w, h0, lengths, (xg, h) -> {
            Tensor pre = xg.add(h.matmul(w[1], false, true).add(w[3]));
            return relu ? pre.relu() : pre.tanh();
        });
    }
}
