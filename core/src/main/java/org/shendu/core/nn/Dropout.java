package org.shendu.core.nn;

import org.shendu.core.Ops;
import org.shendu.core.Tensor;

/**
 * Dropout (Srivastava et al. 2014), inverted: in training {@code y = x m / (1 - p)} with
 * {@code m ~ Bernoulli(1 - p)} drawn from the device's seed sequence; in evaluation {@code y = x}.
 */
public final class Dropout extends Module implements Layer {
    private final float p;

    public Dropout(float p) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability " + p + " outside [0, 1)");
        }
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        return x.mul(Ops.dropoutMask(x.device(), p, x.dims()));
    }
}
