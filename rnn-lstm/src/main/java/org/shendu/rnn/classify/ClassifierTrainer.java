package org.shendu.rnn.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
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

    private final Device device;
    private final Progress.Factory progress;
    private Listener listener = f -> {};
    private TrainingState state;
    private boolean resume;
    private LanguageModelPretraining pretraining;
    private EncodedTexts pretrainingTexts;

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
        this.state = new TrainingState(device, dir, extra == null ? Map.of() : Map.copyOf(extra));
        this.resume = resume;
        return this;
    }

    /**
     * Before the classification epochs of a new (not resumed) run, trains the embedding and the
     * recurrent layers as a language model on {@code texts} (unlabeled) and the training split's texts,
     * never the validation texts.
     */
    public ClassifierTrainer pretraining(LanguageModelPretraining lm, EncodedTexts texts) {
        this.pretraining = lm;
        this.pretrainingTexts = texts;
        return this;
    }

    /** Whether {@code dir} holds an interrupted run's training state. */
    public static boolean canResume(Path dir) {
        return TrainingState.exists(dir);
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
        boolean resuming = resume && state != null && state.exists();
        if (pretraining != null && !resuming) {
            List<int[]> texts = new ArrayList<>(pretrainingTexts.ids());
            for (int r : fit) {
                texts.add(data.ids().get(r));
            }
            pretraining.run(model, new EncodedTexts(texts, null));
        }
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
            int done = state.restore(model, adam, config, best, bestEpoch, figures);
            for (EpochFigures f : figures) {
                earlyStopping.epochEnd(asEpoch(f), reason -> stoppedBefore[0] = reason);
            }
            if (done != figures.size()) {
                throw new ShenduException("damaged training state: " + done + " epochs but " + figures.size() + " figures");
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
                        if (state != null) {
                            state.saveBest(model, config, f.epoch(), options);
                        }
                    }
                    if (state != null) {
                        state.saveLast(model, adam, config, f.epoch(), options, figures, bestEpoch[0]);
                    }
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
                        double[] t = BatchedScoring.lossAndAccuracy(model, data, sample, width);
                        double[] v = BatchedScoring.lossAndAccuracy(model, data, val, width);
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

    private static void loadEmbeddings(RecurrentClassifier model, float[] rows) {
        Tensor w = model.embedding().weight();
        if (rows.length != w.size()) {
            throw new IllegalArgumentException("pretrained embeddings hold " + rows.length + " values, the table needs " + w.size());
        }
        try (Scope s = Scope.open()) {
            Module.assign(w, model.device().tensor(rows, w.dims()));
        }
    }

    static void snapshot(RecurrentClassifier model, Map<String, float[]> into) {
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
