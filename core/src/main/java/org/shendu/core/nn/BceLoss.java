package org.shendu.core.nn;

import org.shendu.core.Tensor;

/**
 * Binary cross-entropy on probabilities {@code L = -mean(y log p + (1-y) log(1-p))}, the logs
 * clamped at -100 as in PyTorch so a saturated sigmoid gives a finite loss.
 */
public final class BceLoss {
    private BceLoss() {}

    public static Tensor mean(Tensor probs, float target) {
        Tensor logP = probs.log().clampMin(-100f);
        Tensor log1mP = probs.neg().add(1f).log().clampMin(-100f);
        Tensor l = target == 1f ? logP : target == 0f ? log1mP : logP.mul(target).add(log1mP.mul(1 - target));
        return l.mean().neg();
    }

    public static Tensor mean(Tensor probs, Tensor targets) {
        Tensor logP = probs.log().clampMin(-100f);
        Tensor log1mP = probs.neg().add(1f).log().clampMin(-100f);
        return logP.mul(targets).add(log1mP.mul(targets.neg().add(1f))).mean().neg();
    }
}
