package org.shendu.core.train;

import java.util.Locale;

/**
 * Stops training when a validation metric has not improved (by more than {@code minDelta}) for
 * {@code patience} epochs in a row, as Keras' and Lightning's {@code EarlyStopping}: with patience 2
 * and the best value at epoch 3, training stops after epoch 5.
 */
public final class EarlyStopping implements Callback {
    private final String metric;
    private final Mode mode;
    private final int patience;
    private final double minDelta;
    private double best = Double.NaN;
    private int bestEpoch;
    private int bad;

    public EarlyStopping(String metric, Mode mode, int patience) {
        this(metric, mode, patience, 0);
    }

    public EarlyStopping(String metric, Mode mode, int patience, double minDelta) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("patience and min delta must be >= 0, got " + patience + " and " + minDelta);
        }
        this.metric = metric;
        this.mode = mode;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void epochEnd(Epoch epoch, Stop stop) {
        double value = epoch.metric(metric);
        if (mode.improves(value, best, minDelta)) {
            best = value;
            bestEpoch = epoch.epoch();
            bad = 0;
        } else if (++bad >= patience) {
            stop.because(String.format(Locale.ROOT, "early stopping: %s has not improved for %d epochs (best %.4f at epoch %d)",
                    metric, bad, best, bestEpoch));
        }
    }

    /** The best value seen (NaN before the first epoch). */
    public double best() {
        return best;
    }

    /** The epoch of the best value (0 before the first epoch). */
    public int bestEpoch() {
        return bestEpoch;
    }
}
