package org.shendu.core.train;

import org.shendu.core.optim.LrSchedule;

/**
 * A learning rate cut by {@code factor} when a validation metric has not improved for more than
 * {@code patience} epochs, as PyTorch's {@code ReduceLROnPlateau} (relative threshold 1e-4, no
 * cool-down): both a schedule (give it to {@link Trainer.Builder#schedule}) and a callback (give it
 * to {@link Trainer.Builder#callback}) that watches the metric.
 */
public final class ReduceLrOnPlateau implements LrSchedule, Callback {
    private static final double THRESHOLD = 1e-4;
    private final String metric;
    private final Mode mode;
    private final float factor;
    private final int patience;
    private final float minLr;
    private float lr;
    private double best = Double.NaN;
    private int bad;

    public ReduceLrOnPlateau(float lr, String metric, Mode mode, float factor, int patience, float minLr) {
        if (!(factor > 0 && factor < 1) || patience < 0) {
            throw new IllegalArgumentException("need 0 < factor < 1 and patience >= 0, got " + factor + " and " + patience);
        }
        this.lr = lr;
        this.metric = metric;
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.minLr = minLr;
    }

    @Override
    public float rate(long step) {
        return lr;
    }

    @Override
    public void epochEnd(Epoch epoch, Stop stop) {
        observe(epoch.metric(metric));
    }

    /** Takes one epoch's value of the metric. */
    public void observe(double value) {
        double margin = Double.isNaN(best) ? 0 : Math.abs(best) * THRESHOLD;
        if (mode.improves(value, best, margin)) {
            best = value;
            bad = 0;
        } else if (++bad > patience) {
            lr = Math.max(minLr, lr * factor);
            bad = 0;
        }
    }
}
