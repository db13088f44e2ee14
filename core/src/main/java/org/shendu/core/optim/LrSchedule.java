package org.shendu.core.optim;

/**
 * A learning rate as a function of the step: constant, step decay ({@code lr gamma^floor(t/every)}),
 * or cosine annealing (Loshchilov and Hutter 2017) with a linear warm-up.
 */
@FunctionalInterface
public interface LrSchedule {
    float rate(long step);

    static LrSchedule constant(float lr) {
        return t -> lr;
    }

    static LrSchedule stepDecay(float lr, float gamma, long every) {
        return t -> (float) (lr * Math.pow(gamma, t / every));
    }

    static LrSchedule cosine(float lr, float minLr, long warmup, long total) {
        return t -> {
            if (t < warmup) {
                return lr * (t + 1) / warmup;
            }
            double progress = Math.min(1.0, (double) (t - warmup) / Math.max(1, total - warmup));
            return (float) (minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress)));
        };
    }

    /** Sets the optimizer's rate for {@code step}. */
    default void apply(Optimizer optimizer, long step) {
        optimizer.setLearningRate(rate(step));
    }
}
