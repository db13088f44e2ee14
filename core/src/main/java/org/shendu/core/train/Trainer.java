package org.shendu.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.GradClip;
import org.shendu.core.optim.LrSchedule;
import org.shendu.core.optim.Optimizer;

/**
 * The training loop the case studies share, PyTorch Lightning's {@code fit} without the magic:
 *
 * <pre>
 * for each epoch:                                  callbacks' epochStart
 *     model.train()
 *     for each batch of the sampler:
 *         lr = schedule(step)
 *         in a scope: loss = step(batch)            your code: forward and loss
 *                     zeroGrad, backward, clip, optimizer step   (when an optimizer is given)
 *                     every logEvery steps: read the loss; NaN or inf stops with {@link TrainingDiverged}
 *     metrics = evaluation(epoch)                  your code, e.g. accuracy on the validation set
 *     callbacks' epochEnd                          early stopping, best checkpoint, plateau schedule
 * </pre>
 *
 * The loss is read from the device only every {@code logEvery} steps (a read waits for the device to
 * finish), so a divergence is seen at the next read. Without an optimizer the step does its own
 * updates (a GAN's two optimizers) and returns the loss to report.
 */
public final class Trainer {
    /** One training step: forward pass and loss of a batch (the loop has opened a scope around it). */
    @FunctionalInterface
    public interface Step {
        Tensor loss(int[] batch);
    }

    /** The evaluation after each epoch: metric name to value (e.g. {@code val_accuracy}). */
    @FunctionalInterface
    public interface Evaluation {
        Map<String, Double> evaluate(int epoch);
    }

    /** What {@link #fit} did: every epoch's figures and why it stopped early (null when it ran all epochs). */
    public record Result(List<Epoch> epochs, String stopReason) {
        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }
    }

    private final Builder b;

    private Trainer(Builder b) {
        this.b = b;
    }

    /** A loop over {@code epochs} epochs of the sampler's batches. */
    public static Builder builder(BatchSampler batches, int epochs) {
        return new Builder(batches, epochs);
    }

    /** Trains; returns each epoch's figures. Throws {@link TrainingDiverged} on a NaN or infinite loss. */
    public Result fit(Step step) {
        List<Epoch> epochs = new ArrayList<>();
        String[] stopReason = {null};
        Callback.Stop stop = reason -> stopReason[0] = stopReason[0] == null ? reason : stopReason[0];
        long steps = 0;
        for (int e = 1; e <= b.epochs && stopReason[0] == null; e++) {
            for (Callback c : b.callbacks) {
                c.epochStart(e);
            }
            if (b.model != null) {
                b.model.train();
            }
            List<int[]> batches = b.batches.batches(e);
            long start = System.nanoTime();
            long examples = 0;
            double lossSum = 0;
            int lossCount = 0;
            try (Progress bar = b.progress.start(b.task + " " + e + "/" + b.epochs, batches.size(), "batches")) {
                for (int i = 0; i < batches.size(); i++) {
                    int[] batch = batches.get(i);
                    if (b.schedule != null) {
                        b.schedule.apply(b.optimizer, steps);
                    }
                    steps++;
                    try (Scope s = Scope.open()) {
                        Tensor loss = step.loss(batch);
                        if (b.optimizer != null) {
                            b.optimizer.zeroGrad();
                            loss.backward();
                            if (b.clipNorm > 0) {
                                GradClip.clipNorm(b.optimizer.params(), b.clipNorm);
                            }
                            b.optimizer.step();
                        }
                        if (steps % b.logEvery == 0 || i == batches.size() - 1) {
                            float l = loss.item();
                            if (!Float.isFinite(l)) {
                                throw new TrainingDiverged(l, e, steps, b.optimizer == null ? Float.NaN : b.optimizer.learningRate());
                            }
                            lossSum += l;
                            lossCount++;
                            for (Callback c : b.callbacks) {
                                c.lossRead(steps, l);
                            }
                            bar.status(b.optimizer == null ? String.format(Locale.ROOT, "loss %.4f", l)
                                    : String.format(Locale.ROOT, "loss %.4f lr %.2e", l, b.optimizer.learningRate()));
                        }
                    }
                    examples += batch.length;
                    bar.advance(1);
                }
            }
            if (b.optimizer != null) {
                b.optimizer.zeroGrad(); // frees the last gradients before the evaluation
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> metrics = b.evaluation == null ? Map.of() : new LinkedHashMap<>(b.evaluation.evaluate(e));
            Epoch epoch = new Epoch(e, steps, lossCount == 0 ? Double.NaN : lossSum / lossCount, metrics, seconds,
                    examples / Math.max(seconds, 1e-9), b.optimizer == null ? Double.NaN : b.optimizer.learningRate());
            epochs.add(epoch);
            for (Callback c : b.callbacks) {
                c.epochEnd(epoch, stop);
            }
        }
        return new Result(List.copyOf(epochs), stopReason[0]);
    }

    /** The loop's options; only the sampler and the number of epochs are required. */
    public static final class Builder {
        private final BatchSampler batches;
        private final int epochs;
        private Optimizer optimizer;
        private Module model;
        private LrSchedule schedule;
        private float clipNorm;
        private int logEvery = 10;
        private Evaluation evaluation;
        private final List<Callback> callbacks = new ArrayList<>();
        private Progress.Factory progress = Progress.Factory.NONE;
        private String task = "epoch";

        private Builder(BatchSampler batches, int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            this.batches = batches;
            this.epochs = epochs;
        }

        /** Steps this optimizer after the loop's backward pass (default: none, the step updates by itself). */
        public Builder optimizer(Optimizer o) {
            optimizer = o;
            return this;
        }

        /** Put in training mode before each epoch (the evaluation may switch it to eval mode). */
        public Builder model(Module m) {
            model = m;
            return this;
        }

        /** Sets the optimizer's learning rate before every step (needs an optimizer). */
        public Builder schedule(LrSchedule s) {
            schedule = s;
            return this;
        }

        /** Clips the global gradient norm to {@code maxNorm} before each update (default: no clipping). */
        public Builder clipNorm(float maxNorm) {
            clipNorm = maxNorm;
            return this;
        }

        /** Reads the loss from the device every {@code n} steps (default 10) and at the end of each epoch. */
        public Builder logEvery(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("log interval must be >= 1, got " + n);
            }
            logEvery = n;
            return this;
        }

        public Builder evaluation(Evaluation e) {
            evaluation = e;
            return this;
        }

        /** Adds a hook; hooks run in the order added. */
        public Builder callback(Callback c) {
            callbacks.add(c);
            return this;
        }

        /** Where the per-epoch progress bars go (default: nowhere); {@code task} names them. */
        public Builder progress(Progress.Factory p, String task) {
            progress = p;
            this.task = task;
            return this;
        }

        public Trainer build() {
            if ((schedule != null || clipNorm > 0) && optimizer == null) {
                throw new IllegalStateException("a schedule or clipping needs the optimizer (Builder.optimizer)");
            }
            return new Trainer(this);
        }
    }
}
