package org.shendu.rnn.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Adam;
import org.shendu.core.train.BatchSampler;
import org.shendu.core.train.Batches;
import org.shendu.core.train.Callback;
import org.shendu.core.train.EarlyStopping;
import org.shendu.core.train.LengthBuckets;
import org.shendu.core.train.Mode;
import org.shendu.core.train.Trainer;

/**
 * Trains a {@link RecurrentClassifier} on encoded texts through the shared {@link Trainer} loop:
 * a seeded stratified validation split, length-bucketed batches, Adam (with decoupled weight decay
 * when asked: AdamW) and gradient-norm clipping,
 * pretrained embeddings frozen, fine-tuned or frozen for the first epoch, early stopping on the
 * validation accuracy and the best epoch's weights restored at the end. After each epoch it measures
 * loss and accuracy on the validation set and on a fixed sample of the training set (in evaluation
 * mode, the same yardstick for both curves).
 */
public final class ClassifierTrainer {
    /** Training-set members re-scored after each epoch for the training curve. */
    static final int TRAIN_SAMPLE = 2500;
    private static final int EVAL_BATCH = 256;

    /** One epoch's figures; the {@code train*} curves are measured on a fixed sample of the training set. */
    public record EpochFigures(int epoch, double loopLoss, double trainLoss, double trainAccuracy, double valLoss,
                               double valAccuracy, double seconds, double examplesPerSecond) {}

    /** The best epoch's model and every epoch's figures. */
    public record Result(RecurrentClassifier model, List<EpochFigures> epochs, int bestEpoch, String stopReason,
                         int fitExamples, int validationExamples) {
        public EpochFigures best() {
            return epochs.get(bestEpoch - 1);
        }
    }

    /** Told each epoch's figures as soon as they are measured (for logs). */
    @FunctionalInterface
    public interface Listener {
        void epochEnd(EpochFigures figures);
    }

    /** The checkpoint kind of the training state ({@code last}) and of the best weights ({@code best}). */
    public static final String TRAINING_KIND = "recurrent_text_classifier_training";

    private final Device device;
    private final Progress.Factory progress;
    private Listener listener = f -> {};
    private Path trainingDir;
    private boolean resume;
    private Map<String, Object> checkpointExtra = Map.of();

    public ClassifierTrainer(Device device, Progress.Factory progress) {
        this.device = device;
        this.progress = progress;
    }

    public ClassifierTrainer listener(Listener l) {
        this.listener = l;
        return this;
    }

    /**
     * After every epoch, writes the training state to {@code dir/last} (weights, Adam's moments, the
     * random-number state, every epoch's figures; {@code extra} goes into its JSON) and the best
     * weights so far to {@code dir/best}. With {@code resume}, a {@code dir/last} left by an
     * interrupted run is loaded first and training continues after its epoch, exactly as the
     * uninterrupted run would have.
     */
    public ClassifierTrainer checkpoints(Path dir, boolean resume, Map<String, Object> extra) {
        this.trainingDir = dir;
        this.resume = resume;
        this.checkpointExtra = extra == null ? Map.of() : Map.copyOf(extra);
        return this;
    }

    /** Whether {@code dir} holds an interrupted run's training state. */
    public static boolean canResume(Path dir) {
        return Files.isRegularFile(dir.resolve("last").resolve("checkpoint.json"));
    }

    /**
     * Trains a new model of shape {@code config} on {@code data} (labels required). {@code pretrained}
     * (may be null) holds the initial embedding rows, {@code [vocabulary, embeddingDim]} row-major.
     */
    public Result train(ClassifierConfig config, float[] pretrained, EncodedTexts data, TrainingOptions options) {
        StratifiedSplit split = StratifiedSplit.of(data.labels(), options.validationFraction(), options.seed());
        int[] fit = split.fit(), val = split.heldOut();
        if (val.length == 0 || fit.length == 0) {
            throw new ShenduException("too few reviews (" + data.size() + ") for a validation split of "
                    + options.validationFraction());
        }
        device.manualSeed(options.seed());
        RecurrentClassifier model = new RecurrentClassifier(device, config);
        if (pretrained != null) {
            loadEmbeddings(model, pretrained);
        }
        Module embedding = model.embedding();
        boolean resuming = resume && trainingDir != null && canResume(trainingDir);
        EmbeddingMode mode = pretrained == null && !resuming ? EmbeddingMode.FINE_TUNED : options.embeddings();
        List<Tensor> params = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            if (mode != EmbeddingMode.FROZEN || !p.getKey().startsWith("embedding.")) {
                params.add(p.getValue());
            }
        }
        Adam adam = Adam.builder(params, options.lr()).decoupledWeightDecay(options.weightDecay()).build();
        int width = config.masked() ? 0 : Arrays.stream(data.lengths()).max().orElse(1);
        int[] fitLengths = data.lengths(fit);
        BatchSampler sampler = options.bucketing() && config.masked()
                ? LengthBuckets.of(fitLengths, options.batchSize(), options.seed())
                : Batches.of(fit.length, options.batchSize()).shuffled(options.seed());
        int[] trainSample = Arrays.copyOf(fit, Math.min(TRAIN_SAMPLE, fit.length));
        StratifiedSplit sampleSplit = fit.length > TRAIN_SAMPLE
                ? StratifiedSplit.of(select(data.labels(), fit), TRAIN_SAMPLE / (double) fit.length * 0.999, options.seed() + 1)
                : null;
        if (sampleSplit != null) {
            trainSample = select(fit, sampleSplit.heldOut());
        }
        int[] sample = trainSample;
        List<EpochFigures> figures = new ArrayList<>();
        double[][] latest = new double[1][];
        Map<String, float[]> best = new HashMap<>();
        int[] bestEpoch = {0};
        EarlyStopping earlyStopping = new EarlyStopping("val_accuracy", Mode.MAX, options.patience());
        String[] stoppedBefore = {null};
        if (resuming) {
            int done = restoreRun(model, adam, config, best, bestEpoch, figures);
            for (EpochFigures f : figures) {
                earlyStopping.epochEnd(asEpoch(f), reason -> stoppedBefore[0] = reason);
            }
            if (done != figures.size()) {
                throw ShenduException.in(trainingDir, "damaged training state: " + done + " epochs but " + figures.size() + " figures");
            }
        }
        int done = figures.size();
        String stopReason = stoppedBefore[0];
        if (stopReason == null && done < options.epochs()) {
            BatchSampler shifted = e -> sampler.batches(e + done);
            Callback embeddingSchedule = new Callback() {
                @Override
                public void epochStart(int epoch) {
                    embedding.requiresGrad(mode.trainsIn(epoch + done));
                }
            };
            Callback record = new Callback() {
                @Override
                public void epochEnd(org.shendu.core.train.Epoch e, Stop stop) {
                    EpochFigures f = new EpochFigures(e.epoch() + done, e.trainLoss(), latest[0][0], latest[0][1], latest[0][2],
                            latest[0][3], e.seconds(), e.examplesPerSecond());
                    figures.add(f);
                    // The best epoch is tracked here rather than by core's BestCheckpoint: a resumed run
                    // starts from the best seen before the interruption.
                    if (bestEpoch[0] == 0 || f.valAccuracy() > figures.get(bestEpoch[0] - 1).valAccuracy()) {
                        bestEpoch[0] = f.epoch();
                        snapshot(model, best);
                        save(trainingDir == null ? null : trainingDir.resolve("best"), model, null, config, f.epoch(), options);
                    }
                    save(trainingDir == null ? null : trainingDir.resolve("last"), model, adam, config, f.epoch(), options,
                            figures, bestEpoch[0]);
                    listener.epochEnd(f);
                    earlyStopping.epochEnd(asEpoch(f), stop);
                }
            };
            Trainer.Result result = Trainer.builder(shifted, options.epochs() - done)
                    .optimizer(adam)
                    .model(model)
                    .clipNorm(options.clipNorm())
                    .progress(progress, "epoch")
                    .evaluation(e -> {
                        double[] t = lossAndAccuracy(model, data, sample, width);
                        double[] v = lossAndAccuracy(model, data, val, width);
                        latest[0] = new double[] {t[0], t[1], v[0], v[1]};
                        return Map.of("val_accuracy", v[1], "val_loss", v[0]);
                    })
                    .callback(embeddingSchedule)
                    .callback(record)
                    .build()
                    .fit(batch -> {
                        int[] rows = select(fit, batch);
                        return CrossEntropyLoss.mean(model.forward(data.batch(device, rows, width), data.lengths(rows)),
                                data.labels(device, rows));
                    });
            stopReason = result.stopReason();
        }
        restore(model, best);
        embedding.requiresGrad(true);
        model.eval();
        return new Result(model, List.copyOf(figures), bestEpoch[0], stopReason, fit.length, val.length);
    }

    private static org.shendu.core.train.Epoch asEpoch(EpochFigures f) {
        return new org.shendu.core.train.Epoch(f.epoch(), 0, f.loopLoss(), Map.of("val_accuracy", f.valAccuracy()), f.seconds(),
                f.examplesPerSecond(), Double.NaN);
    }

    private void save(Path dir, RecurrentClassifier model, Adam adam, ClassifierConfig config, int epoch, TrainingOptions options) {
        save(dir, model, adam, config, epoch, options, null, 0);
    }

    private void save(Path dir, RecurrentClassifier model, Adam adam, ClassifierConfig config, int epoch, TrainingOptions options,
                      List<EpochFigures> figures, int bestEpoch) {
        if (dir == null) {
            return;
        }
        Checkpoint c = Checkpoint.of(TRAINING_KIND).module("model", model).config(config.toMap()).step(epoch)
                .seed(options.seed());
        checkpointExtra.forEach(c::extra);
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

    /** Loads {@code last} (and the best weights) of an interrupted run; returns the epochs it had done. */
    private int restoreRun(RecurrentClassifier model, Adam adam, ClassifierConfig config, Map<String, float[]> best,
                           int[] bestEpoch, List<EpochFigures> figures) {
        Path last = trainingDir.resolve("last");
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
                Checkpoint.of(TRAINING_KIND).module("model", bestModel).load(trainingDir.resolve("best"));
                snapshot(bestModel, best);
            }
            Checkpoint.of(TRAINING_KIND).module("model", model).optimizer("optimizer", adam).rng(device).load(last);
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

    /** Mean cross-entropy and accuracy of the model on the members {@code rows}. */
    static double[] lossAndAccuracy(RecurrentClassifier model, EncodedTexts data, int[] rows, int width) {
        float[] logits = logits(model, data, rows, width);
        int classes = model.config().classes();
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int y = data.labels()[rows[i]];
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int c = 0; c < classes; c++) {
                if (logits[i * classes + c] > max) {
                    max = logits[i * classes + c];
                    arg = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[i * classes + c] - max);
            }
            loss += max + Math.log(sum) - logits[i * classes + y];
            correct += arg == y ? 1 : 0;
        }
        return new double[] {loss / rows.length, correct / (double) rows.length};
    }

    /**
     * Logits {@code [rows, classes]} row-major, in the order of {@code rows}: in evaluation mode,
     * without gradients, in batches of similar lengths so that short texts do not pay for long ones.
     */
    public static float[] logits(RecurrentClassifier model, EncodedTexts data, int[] rows, int width) {
        boolean training = model.isTraining();
        model.eval();
        int classes = model.config().classes();
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(data.ids().get(rows[a]).length, data.ids().get(rows[b]).length));
        float[] out = new float[rows.length * classes];
        Device device = model.device();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < order.length; from += EVAL_BATCH) {
                int n = Math.min(EVAL_BATCH, order.length - from);
                int[] batch = new int[n];
                for (int i = 0; i < n; i++) {
                    batch[i] = rows[order[from + i]];
                }
                try (Scope s = Scope.open()) {
                    float[] z = model.forward(data.batch(device, batch, width), data.lengths(batch)).toFloatArray();
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(z, i * classes, out, order[from + i] * classes, classes);
                    }
                }
            }
        }
        if (training) {
            model.train();
        }
        return out;
    }

    private static void loadEmbeddings(RecurrentClassifier model, float[] rows) {
        Tensor w = model.embedding().weight();
        if (rows.length != w.size()) {
            throw new IllegalArgumentException("pretrained embeddings hold " + rows.length + " values, the table needs " + w.size());
        }
        try (Scope s = Scope.open()) {
            Module.assign(w, model.device().tensor(rows, w.dims()));
        }
    }

    private static void snapshot(RecurrentClassifier model, Map<String, float[]> into) {
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            into.put(e.getKey(), e.getValue().toFloatArray());
        }
    }

    private static void restore(RecurrentClassifier model, Map<String, float[]> from) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
                state.put(e.getKey(), model.device().tensor(from.get(e.getKey()), e.getValue().dims()));
            }
            model.loadStateDict(state, true);
        }
    }

    static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
