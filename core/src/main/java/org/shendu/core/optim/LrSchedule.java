package org.shendu.core.optim;

/**
 * A learning rate as a function of the step (counted from 0): constant, step decay
 * ({@code lr gamma^floor(t/every)}), cosine annealing (Loshchilov and Hutter 2017)
 * {@code minLr + (lr - minLr)(1 + cos(pi t/T))/2}, any of them after a linear warm-up
 * ({@link #withWarmup}); {@code org.shendu.core.train.ReduceLrOnPlateau} follows a validation metric.
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

    /** Cosine from {@code lr} down to {@code minLr} over {@code steps} steps, then {@code minLr}. */
    static LrSchedule cosine(float lr, float minLr, long steps) {
        return t -> {
            double progress = Math.min(1.0, (double) t / Math.max(1, steps));
            return (float) (minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress)));
        };
    }

    /** {@code warmup} steps of linear warm-up, then the cosine over the remaining {@code total - warmup} steps. */
    static LrSchedule cosine(float lr, float minLr, long warmup, long total) {
        return cosine(lr, minLr, total - warmup).withWarmup(warmup);
    }

    /**
     * This schedule after {@code steps} steps of linear warm-up (Goyal et al. 2017): step {@code t < steps}
     * has {@code rate(0) (t + 1) / steps}, and step {@code t >= steps} has {@code rate(t - steps)}.
     */
    default LrSchedule withWarmup(long steps) {
        if (steps <= 0) {
            return this;
        }
        return t -> t < steps ? rate(0) * (t + 1) / steps : rate(t - steps);
    }

    /** Sets the optimizer's rate for {@code step}. */
    default void apply(Optimizer optimizer, long step) {
        optimizer.setLearningRate(rate(step));
    }
}
