package org.shendu.rnn.classify;

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
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.nn.Module;
import org.shendu.core.optim.Adam;
import org.shendu.core.train.BatchSampler;
import org.shendu.core.train.Batches;
import org.shendu.core.train.BestCheckpoint;
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

    private final Device device;
    private final Progress.Factory progress;
    private Listener listener = f -> {};

    public ClassifierTrainer(Device device, Progress.Factory progress) {
        this.device = device;
        this.progress = progress;
    }

    public ClassifierTrainer listener(Listener l) {
        this.listener = l;
        return this;
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
        EmbeddingMode mode = pretrained == null ? EmbeddingMode.FINE_TUNED : options.embeddings();
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
        Callback embeddingSchedule = new Callback() {
            @Override
            public void epochStart(int epoch) {
                embedding.requiresGrad(mode.trainsIn(epoch));
            }
        };
        Callback record = new Callback() {
            @Override
            public void epochEnd(org.shendu.core.train.Epoch e, Stop stop) {
                EpochFigures f = new EpochFigures(e.epoch(), e.trainLoss(), latest[0][0], latest[0][1], latest[0][2],
                        latest[0][3], e.seconds(), e.examplesPerSecond());
                figures.add(f);
                listener.epochEnd(f);
            }
        };
        BestCheckpoint keepBest = new BestCheckpoint("val_accuracy", Mode.MAX, e -> snapshot(model, best));
        Trainer.Result result = Trainer.builder(sampler, options.epochs())
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
                .callback(keepBest)
                .callback(new EarlyStopping("val_accuracy", Mode.MAX, options.patience()))
                .build()
                .fit(batch -> {
                    int[] rows = select(fit, batch);
                    return CrossEntropyLoss.mean(model.forward(data.batch(device, rows, width), data.lengths(rows)),
                            data.labels(device, rows));
                });
        restore(model, best);
        embedding.requiresGrad(true);
        model.eval();
        return new Result(model, List.copyOf(figures), keepBest.bestEpoch().epoch(), result.stopReason(), fit.length, val.length);
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
