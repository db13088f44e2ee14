package org.shendu.core.nn;

import java.util.function.Function;
import org.shendu.core.Device;

/**
 * The settings of a square-kernel convolution layer ({@link Conv2d}, {@link ConvTranspose2d}), named as PyTorch's
 * keyword arguments: channels and kernel are required, stride 1, padding 0 and a bias unless set otherwise.
 *
 * @param <L> the layer it builds
 */
public final class ConvBuilder<L> {
    final Device device;
    final int in, out, kernel;
    int stride = 1, padding = 0;
    boolean bias = true;
    private final String layer;
    private final Function<ConvBuilder<L>, L> make;

    ConvBuilder(String layer, Device device, int in, int out, int kernel, Function<ConvBuilder<L>, L> make) {
        if (in < 1 || out < 1 || kernel < 1) {
            throw new IllegalArgumentException(layer + ": channels and kernel must be positive, got in " + in + ", out " + out
                    + ", kernel " + kernel);
        }
        this.layer = layer;
        this.device = device;
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.make = make;
    }

    /** Step between kernel positions (default 1). */
    public ConvBuilder<L> stride(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException(layer + ": stride must be positive, got " + stride);
        }
        this.stride = stride;
        return this;
    }

    /** Zero padding on each side (default 0). */
    public ConvBuilder<L> padding(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException(layer + ": padding must be >= 0, got " + padding);
        }
        this.padding = padding;
        return this;
    }

    /** Whether a per-channel bias is added (default true). */
    public ConvBuilder<L> bias(boolean bias) {
        this.bias = bias;
        return this;
    }

    public L build() {
        return make.apply(this);
    }
}
