package org.shendu.rnn.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.nn.Linear;
import org.shendu.core.optim.Adam;
import org.shendu.core.train.LengthBuckets;
import org.shendu.core.train.Trainer;

/**
 * Language-model pretraining of a {@link RecurrentClassifier}'s embedding and recurrent layers on
 * unlabeled texts, before it learns to classify (Dai and Le 2015, "Semi-supervised Sequence
 * Learning", the LM-LSTM). The forward direction's output at step t predicts word t + 1; in a
 * bidirectional network the reverse direction's output at step t predicts word t - 1:
 * <pre>
 *   L = ( CE(W_f y_t^fwd + b_f, w_{t+1}) + CE(W_b y_t^bwd + b_b, w_{t-1}) ) / 2     over the real steps
 * </pre>
 * The output layers cover the {@code outputs} most frequent ids (the vocabulary's order); rarer words
 * are predicted as the unknown word, so the softmax stays small (PyTorch users would reach for an
 * adaptive softmax; the cut keeps an epoch affordable on a CPU). The output layers are dropped after.
 */
public final class LanguageModelPretraining {

    /**
     * {@code epochs} passes over the texts in length-bucketed batches of {@code batchSize}, Adam at
     * {@code lr}, the gradient norm clipped to {@code clipNorm} (0: none), softmax over {@code outputs} ids.
     */
    public record Options(int epochs, int outputs, int batchSize, float lr, float clipNorm, long seed) {
        public Options {
            if (epochs < 1 || outputs < 3 || batchSize < 1 || !(lr > 0) || clipNorm < 0) {
                throw new IllegalArgumentException("bad pretraining options: epochs " + epochs + ", outputs " + outputs
                        + ", batch " + batchSize + ", lr " + lr + ", clip " + clipNorm);
            }
        }

        /** The softmax's width for a vocabulary of {@code vocabulary} ids: {@code outputs}, or all the ids when fewer. */
        public int outputsFor(int vocabulary) {
            return Math.min(outputs, vocabulary);
        }

        /** Options at our scale: a 2,000-word softmax, batches of 64, Adam 2e-3, the gradient norm clipped to 5. */
        public static Options of(int epochs, long seed) {
            return new Options(epochs, 2000, 64, 2e-3f, 5f, seed);
        }
    }

    /** One pretraining epoch: the mean loss (nats per predicted word) and its wall time. */
    public record Epoch(int epoch, double loss, double seconds, double textsPerSecond) {}

    private final Device device;
    private final Progress.Factory progress;
    private final Options options;
    private Consumer<Epoch> listener = e -> {};

    public LanguageModelPretraining(Device device, Progress.Factory progress, Options options) {
        this.device = device;
        this.progress = progress;
        this.options = options;
    }

    public LanguageModelPretraining listener(Consumer<Epoch> l) {
        this.listener = l;
        return this;
    }

    /** Trains {@code model}'s embedding and recurrent layers on {@code texts} (labels unused); its output layer is left alone. */
    public List<Epoch> run(RecurrentClassifier model, EncodedTexts texts) {
        ClassifierConfig config = model.config();
        if (!config.masked()) {
            throw new ShenduException("language-model pretraining needs masked padding (the course preset reads the padding)");
        }
        List<int[]> usable = new ArrayList<>();
        for (int[] ids : texts.ids()) {
            if (ids.length >= 2) {
                usable.add(ids);
            }
        }
        if (usable.isEmpty()) {
            throw new ShenduException("no text of two words or more to pretrain on");
        }
        EncodedTexts data = new EncodedTexts(usable, null);
        int hidden = config.hidden(), outputs = options.outputsFor(config.vocabulary());
        Linear forward = new Linear(device, hidden, outputs);
        Linear backward = config.bidirectional() ? new Linear(device, hidden, outputs) : null;
        List<Tensor> params = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : model.namedParameters().entrySet()) {
            if (!p.getKey().startsWith("output.")) {
                params.add(p.getValue());
            }
        }
        params.addAll(forward.parameters());
        if (backward != null) {
            params.addAll(backward.parameters());
        }
        model.embedding().requiresGrad(true);
        Adam adam = Adam.builder(params, options.lr()).build();
        int[] lengths = data.lengths();
        List<Epoch> epochs = new ArrayList<>();
        Trainer.builder(LengthBuckets.of(lengths, options.batchSize(), options.seed()), options.epochs())
                .optimizer(adam)
                .model(model)
                .clipNorm(options.clipNorm())
                .progress(progress, "language-model epoch")
                .callback(new org.shendu.core.train.Callback() {
                    @Override
                    public void epochEnd(org.shendu.core.train.Epoch e, Stop stop) {
                        Epoch f = new Epoch(e.epoch(), e.trainLoss(), e.seconds(), e.examplesPerSecond());
                        epochs.add(f);
                        listener.accept(f);
                    }
                })
                .build()
                .fit(rows -> loss(model, forward, backward, data, rows, outputs));
        return epochs;
    }

    private Tensor loss(RecurrentClassifier model, Linear forward, Linear backward, EncodedTexts data, int[] rows, int outputs) {
        int[] lengths = data.lengths(rows);
        Tensor ids = data.batch(device, rows, 0);
        int steps = ids.dim(1), hidden = model.config().hidden();
        Tensor y = model.encode(ids, lengths).output();
        Tensor next = forward.forward(y.narrow(2, 0, hidden).narrow(1, 0, steps - 1).reshape(-1, hidden));
        Tensor loss = CrossEntropyLoss.mean(next, device.ints(targets(data, rows, steps, outputs, 1), rows.length * (steps - 1)),
                RecurrentClassifier.PAD);
        if (backward != null) {
            Tensor previous = backward.forward(y.narrow(2, hidden, hidden).narrow(1, 1, steps - 1).reshape(-1, hidden));
            Tensor back = CrossEntropyLoss.mean(previous, device.ints(targets(data, rows, steps, outputs, -1),
                    rows.length * (steps - 1)), RecurrentClassifier.PAD);
            loss = loss.add(back).mul(0.5f);
        }
        return loss;
    }

    /**
     * The word each predicting step aims at, {@code [B, steps - 1]} row-major: with {@code shift = 1},
     * steps 0..T-2 aim at the next word; with {@code shift = -1}, steps 1..T-1 at the one before.
     * Steps in the padding, or whose target is, aim at padding (ignored); rare words at the unknown id.
     */
    static int[] targets(EncodedTexts data, int[] rows, int steps, int outputs, int shift) {
        int[] out = new int[rows.length * (steps - 1)];
        for (int b = 0; b < rows.length; b++) {
            int[] seq = data.ids().get(rows[b]);
            for (int i = 0; i < steps - 1; i++) {
                int step = shift > 0 ? i : i + 1, target = step + shift;
                int id = step < seq.length && target < seq.length ? seq[target] : RecurrentClassifier.PAD;
                out[b * (steps - 1) + i] = id < outputs ? id : RecurrentClassifier.UNKNOWN;
            }
        }
        return out;
    }
}
