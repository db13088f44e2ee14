package org.shendu.core.train;

/** Which way a monitored metric gets better: {@code MIN} for a loss, {@code MAX} for an accuracy. */
public enum Mode {
    MIN, MAX;

    /** Whether {@code value} beats {@code best} by more than {@code minDelta}; anything beats NaN (no best yet). */
    public boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return this == MIN ? value < best - minDelta : value > best + minDelta;
    }
}
