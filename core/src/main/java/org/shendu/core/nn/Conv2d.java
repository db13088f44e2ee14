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

    private Conv2d(ConvBuilder<Conv2d> b) {
        int in = b.in, out = b.out, kernel = b.kernel;
        Device device = b.device;
        float bound = (float) (1 / Math.sqrt((double) in * kernel * kernel));
        this.weight = parameter("weight", () -> device.uniform(-bound, bound, out, in, kernel, kernel));
        this.bias = b.bias ? parameter("bias", () -> device.uniform(-bound, bound, out)) : null;
        this.stride = b.stride;
        this.padding = b.padding;
    }

    /**
     * A convolution from {@code in} to {@code out} channels with a square {@code kernel}; stride 1,
     * padding 0 and a bias unless set otherwise.
     */
    public static ConvBuilder<Conv2d> builder(Device device, int in, int out, int kernel) {
        return new ConvBuilder<>("Conv2d", device, in, out, kernel, Conv2d::new);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when built with {@code bias(false)}. */
    public Tensor bias() {
        return bias;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = Ops.conv2d(x, weight, stride, padding);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }
}
