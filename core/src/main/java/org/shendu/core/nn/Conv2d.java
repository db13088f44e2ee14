package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * A 2-D convolution (LeCun et al. 1998) over NCHW images:
 * {@code y[n, o] = b[o] + sum_c W[o, c] * x[n, c]} (cross-correlation) with a square kernel,
 * stride and zero padding; output size {@code (H + 2 padding - kernel) / stride + 1}. Weights and
 * bias uniform in {@code +-1/sqrt(C k k)} as in PyTorch.
 */
public final class Conv2d extends Module implements Layer {
    private final Tensor weight, bias;
    private final int stride, padding;

    public Conv2d(Device device, int in, int out, int kernel, int stride, int padding, boolean bias) {
        float bound = (float) (1 / Math.sqrt((double) in * kernel * kernel));
        this.weight = parameter("weight", () -> device.uniform(-bound, bound, out, in, kernel, kernel));
        this.bias = bias ? parameter("bias", () -> device.uniform(-bound, bound, out)) : null;
        this.stride = stride;
        this.padding = padding;
    }

    public Tensor weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = Ops.conv2d(x, weight, stride, padding);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }
}
