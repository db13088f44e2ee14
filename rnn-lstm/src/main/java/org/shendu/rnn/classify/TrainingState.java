package org.shendu.rnn.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.optim.Adam;
import org.shendu.rnn.classify.ClassifierTrainer.EpochFigures;

/**
 * A training run's state on disk, in a folder of two core {@link Checkpoint}s: {@code last} (the
 * weights, Adam's moments, the device's random-number state, every epoch's figures, the best epoch)
 * and {@code best} (the best weights so far). What {@link ClassifierTrainer} needs to resume an
 * interrupted run exactly.
 */
final class TrainingState {
    /** The checkpoint kind of both folders. */
    static final String KIND = "recurrent_text_classifier_training";

    private final Device device;
    private final Path dir;
    private final Map<String, Object> extra;

    TrainingState(Device device, Path dir, Map<String, Object> extra) {
        this.device = device;
        this.dir = dir;
        this.extra = extra;
    }

    /** Whether {@code dir} holds an interrupted run's state. */
    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve("last").resolve("checkpoint.json"));
    }

    boolean exists() {
        return exists(dir);
    }

    /** Writes the best weights so far to {@code best}. */
    void saveBest(RecurrentClassifier model, ClassifierConfig config, int epoch, TrainingOptions options) {
        save(dir.resolve("best"), model, null, config, epoch, options, null, 0);
    }

    /** Writes the state after {@code epoch} to {@code last}: enough to go on exactly from there. */
    void saveLast(RecurrentClassifier model, Adam adam, ClassifierConfig config, int epoch, TrainingOptions options,
                  List<EpochFigures> figures, int bestEpoch) {
        save(dir.resolve("last"), model, adam, config, epoch, options, figures, bestEpoch);
    }

    private void save(Path dir, RecurrentClassifier model, Adam adam, ClassifierConfig config, int epoch, TrainingOptions options,
                      List<EpochFigures> figures, int bestEpoch) {
        Checkpoint c = Checkpoint.of(KIND).module("model", model).config(config.toMap()).step(epoch)
                .seed(options.seed());
        extra.forEach(c::extra);
        c.extra("training", options.toMap());
        if (adam != null) {
            c.optimizer("optimizer", adam).rng(device);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EpochFigures f : figures) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", f.epoch());
                m.put("loop_loss", f.loopLoss());
                m.put("train_loss", f.trainLoss());
                m.put("train_accuracy", f.trainAccuracy());
                m.put("val_loss", f.valLoss());
                m.put("val_accuracy", f.valAccuracy());
                m.put("seconds", f.seconds());
                m.put("examples_per_second", f.examplesPerSecond());
                rows.add(m);
            }
            c.extra("epochs", rows).extra("best_epoch", bestEpoch);
        }
        try {
            c.save(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Loads {@code last} into the model and Adam (and the random-number state), the best weights into
     * {@code best}, the best epoch and every epoch's figures; returns the epochs the run had done.
     */
    int restore(RecurrentClassifier model, Adam adam, ClassifierConfig config, Map<String, float[]> best,
                           int[] bestEpoch, List<EpochFigures> figures) {
        Path last = dir.resolve("last");
        try {
            Checkpoint.Info info = Checkpoint.info(last);
            ClassifierConfig saved;
            try {
                saved = ClassifierConfig.fromMap(info.config());
            } catch (RuntimeException e) {
                throw ShenduException.in(last, "damaged training state: " + e.getMessage());
            }
            if (!saved.equals(config)) {
                throw ShenduException.in(last, "was trained with another network (" + info.config()
                        + "); resume with the options of the interrupted run");
            }
            // The best weights first: making their module draws random numbers, and the random-number
            // state must be the interrupted run's when training continues.
            try (RecurrentClassifier bestModel = new RecurrentClassifier(device, config)) {
                Checkpoint.of(KIND).module("model", bestModel).load(dir.resolve("best"));
                ClassifierTrainer.snapshot(bestModel, best);
            }
            Checkpoint.of(KIND).module("model", model).optimizer("optimizer", adam).rng(device).load(last);
            if (!(info.extra().get("epochs") instanceof List<?> rows)) {
                throw ShenduException.in(last, "damaged training state: no per-epoch figures");
            }
            for (Object row : rows) {
                Map<?, ?> m = (Map<?, ?>) row;
                figures.add(new EpochFigures(num(m, "epoch").intValue(), num(m, "loop_loss").doubleValue(),
                        num(m, "train_loss").doubleValue(), num(m, "train_accuracy").doubleValue(),
                        num(m, "val_loss").doubleValue(), num(m, "val_accuracy").doubleValue(),
                        num(m, "seconds").doubleValue(), num(m, "examples_per_second").doubleValue()));
            }
            bestEpoch[0] = ((Number) info.extra().get("best_epoch")).intValue();
            return (int) info.step();
        } catch (IOException e) {
            throw new UncheckedIOException(last + ": cannot read the training state: " + e.getMessage(), e);
        }
    }

    private static Number num(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new ShenduException("damaged training state: epoch figure '" + key + "' missing");
        }
        return n;
    }
}
