package org.shendu.core.nn;

import org.shendu.core.Tensor;

/** Mean squared error {@code L = mean((a - b)^2)}. */
public final class MseLoss {
    private MseLoss() {}

    public static Tensor mean(Tensor a, Tensor b) {
        return a.sub(b).square().mean();
    }
}
