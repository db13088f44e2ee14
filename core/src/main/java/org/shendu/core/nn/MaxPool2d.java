package org.shendu.core.nn;

import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/** Max pooling {@code y = max over each k x k window} with a stride (no padding). */
public final class MaxPool2d implements Layer {
    private final int kernel, stride;

    public MaxPool2d(int kernel, int stride) {
        this.kernel = kernel;
        this.stride = stride;
    }

    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Ops.maxPool2d(x, kernel, stride);
    }
}
