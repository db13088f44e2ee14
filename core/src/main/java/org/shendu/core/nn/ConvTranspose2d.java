package org.shendu.core.nn;

import org.shendu.core.Device;
import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * A transposed ("fractionally strided") convolution (Zeiler et al. 2010; the DCGAN generator's
 * up-sampling, Radford et al. 2016): the adjoint of {@link Conv2d}, with output size
 * {@code (H - 1) stride - 2 padding + kernel}. Weight {@code [in, out, k, k]} as in PyTorch,
 * uniform in {@code +-1/sqrt(out k k)}.
 */
public final class ConvTranspose2d extends Module implements Layer {
    private final Tensor weight, bias;
    private final int stride, padding;

    private ConvTranspose2d(ConvBuilder<ConvTranspose2d> b) {
        int in = b.in, out = b.out, kernel = b.kernel;
        Device device = b.device;
        float bound = (float) (1 / Math.sqrt((double) out * kernel * kernel));
        this.weight = parameter("weight", () -> device.uniform(-bound, bound, in, out, kernel, kernel));
        this.bias = b.bias ? parameter("bias", () -> device.uniform(-bound, bound, out)) : null;
        this.stride = b.stride;
        this.padding = b.padding;
    }

    /**
     * A transposed convolution from {@code in} to {@code out} channels with a square {@code kernel}; stride 1,
     * padding 0 and a bias unless set otherwise.
     */
    public static ConvBuilder<ConvTranspose2d> builder(Device device, int in, int out, int kernel) {
        return new ConvBuilder<>("ConvTranspose2d", device, in, out, kernel, ConvTranspose2d::new);
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
        Tensor y = Ops.convTranspose2d(x, weight, stride, padding);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }
}
