package org.shendu.core.train;

import java.io.IOException;
import org.shendu.core.ShenduException;

/**
 * Keeps the best model seen: after each epoch whose metric improves on every earlier one, calls the
 * {@link Saver} (which writes a checkpoint with whatever API the model uses), as Keras'
 * {@code ModelCheckpoint(save_best_only=True)}.
 */
public final class BestCheckpoint implements Callback {
    /** Saves the current model (typically to one folder, replacing the previous best). */
    @FunctionalInterface
    public interface Saver {
        void save(Epoch epoch) throws IOException;
    }

    private final String metric;
    private final Mode mode;
    private final Saver saver;
    private double best = Double.NaN;
    private Epoch bestEpoch;

    public BestCheckpoint(String metric, Mode mode, Saver saver) {
        this.metric = metric;
        this.mode = mode;
        this.saver = saver;
    }

    @Override
    public void epochEnd(Epoch epoch, Stop stop) {
        double value = epoch.metric(metric);
        if (mode.improves(value, best, 0)) {
            try {
                saver.save(epoch);
            } catch (IOException e) {
                throw new ShenduException("cannot save the best checkpoint (epoch " + epoch.epoch() + "): " + e.getMessage(), e);
            }
            best = value;
            bestEpoch = epoch;
        }
    }

    /** The epoch last saved (null before any). */
    public Epoch bestEpoch() {
        return bestEpoch;
    }
}
