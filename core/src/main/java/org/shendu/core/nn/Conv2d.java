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

    private Conv2d(Builder b) {
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
    public static Builder builder(Device device, int in, int out, int kernel) {
        return new Builder(device, in, out, kernel);
    }

    /** The optional settings of a {@link Conv2d}, named (PyTorch's keyword arguments). */
    public static final class Builder {
        private final Device device;
        private final int in, out, kernel;
        private int stride = 1, padding = 0;
        private boolean bias = true;

        private Builder(Device device, int in, int out, int kernel) {
            if (in < 1 || out < 1 || kernel < 1) {
                throw new IllegalArgumentException("Conv2d: channels and kernel must be positive, got in " + in + ", out " + out
                        + ", kernel " + kernel);
            }
            this.device = device;
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        /** Step between kernel positions (default 1). */
        public Builder stride(int stride) {
            if (stride < 1) {
                throw new IllegalArgumentException("Conv2d: stride must be positive, got " + stride);
            }
            this.stride = stride;
            return this;
        }

        /** Zero padding on each side (default 0). */
        public Builder padding(int padding) {
            if (padding < 0) {
                throw new IllegalArgumentException("Conv2d: padding must be >= 0, got " + padding);
            }
            this.padding = padding;
            return this;
        }

        /** Whether a per-channel bias is added (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Conv2d build() {
            return new Conv2d(this);
        }
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when built with {@code bias(false)}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = Ops.conv2d(x, weight, stride, padding);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }
}
