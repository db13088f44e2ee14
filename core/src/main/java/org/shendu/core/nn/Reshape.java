package org.shendu.core.nn;

import org.shendu.core.Tensor;

/** Reshapes each example: {@code [N, ...] -> [N, dims...]}; {@code Reshape.flatten()} gives {@code [N, rest]}. */
public final class Reshape implements Layer {
    private final int[] dims;

    public Reshape(int... dims) {
        this.dims = dims.clone();
    }

    public static Reshape flatten() {
        return new Reshape(-1);
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] full = new int[dims.length + 1];
        full[0] = x.dim(0);
        System.arraycopy(dims, 0, full, 1, dims.length);
        return x.reshape(full);
    }
}
