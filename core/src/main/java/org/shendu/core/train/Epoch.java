package org.shendu.core.train;

import java.util.Map;

/**
 * What one epoch gave: its number (from 1), the optimizer steps so far, the mean of the training
 * losses read during the epoch, the evaluation's metrics by name, the wall time of the training
 * part (evaluation excluded), the examples per second it trained, and the learning rate at its end.
 */
public record Epoch(int epoch, long steps, double trainLoss, Map<String, Double> metrics, double seconds,
                    double examplesPerSecond, double learningRate) {

    public Epoch {
        metrics = Map.copyOf(metrics);
    }

    /** The metric {@code name} ({@code train_loss} is always there); a clear error when the evaluation made none. */
    public double metric(String name) {
        if (name.equals("train_loss")) {
            return trainLoss;
        }
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "' at epoch " + epoch + "; the evaluation gave " + metrics.keySet());
        }
        return v;
    }
}
