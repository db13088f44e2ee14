package org.shendu.core.train;

import org.shendu.core.ShenduException;

/** The loss became NaN or infinite: training stops, with where it happened and what to try. */
public final class TrainingDiverged extends ShenduException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final long step;

    public TrainingDiverged(float loss, int epoch, long step, float lr) {
        super("training diverged: loss " + loss + " at epoch " + epoch + ", step " + step + " (learning rate " + lr
                + "); lower the learning rate or clip the gradient norm");
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }
}
