package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Tensor;

/**
 * A fully connected layer {@code y = x W^T + b} with {@code W [out, in]}, over the last axis of x.
 * Initialised as PyTorch does: W and b uniform in {@code +-1/sqrt(in)} (He et al. 2015's uniform
 * with a = sqrt 5).
 */
public final class Linear extends Module implements Layer {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(Device device, int in, int out, boolean bias) {
        float bound = (float) (1 / Math.sqrt(in));
        this.weight = parameter("weight", () -> device.uniform(-bound, bound, out, in));
        this.bias = bias ? parameter("bias", () -> device.uniform(-bound, bound, out)) : null;
    }

    public Linear(Device device, int in, int out) {
        this(device, in, out, true);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x.matmul(weight, false, true);
        return bias == null ? y : y.add(bias);
    }
}
