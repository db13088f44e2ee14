package org.shendu.core.nn;

import org.shendu.core.Tensor;

/**
 * Binary cross-entropy on logits, fused with the sigmoid for stability:
 * {@code L = mean(softplus(z) - y z)}, which equals {@code -mean(y log s(z) + (1-y) log(1-s(z)))}.
 */
public final class BceWithLogitsLoss {
    private BceWithLogitsLoss() {}

    public static Tensor mean(Tensor logits, Tensor targets) {
        return logits.softplus().sub(logits.mul(targets)).mean();
    }

    /** Against a constant target (1 for real, 0 for fake in a GAN). */
    public static Tensor mean(Tensor logits, float target) {
        Tensor sp = logits.softplus();
        return (target == 0f ? sp : sp.sub(logits.mul(target))).mean();
    }
}
