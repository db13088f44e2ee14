package org.shendu.cnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.optim.Adam;
import org.shendu.core.optim.LrSchedule;
import org.shendu.data.IdxImages;
import org.shendu.data.ImageSet;

/**
 * Trains {@link MnistCnn} with Adam and softmax cross-entropy on shuffled mini-batches, the
 * learning rate annealed by a cosine from {@code lr} to {@code lr / 100}; evaluates on the test
 * set after each epoch and saves a checkpoint.
 */
public final class CnnTrainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CnnTrainer.class);

    /** Training options; {@link #defaults(Datasets, long)} reach 99.2% on MNIST in a few epochs. */
    public record Config(Datasets dataset, int epochs, int batchSize, float lr, long seed, int trainLimit, int testLimit) {
        public static Config defaults(Datasets dataset, long seed) {
            return new Config(dataset, 6, 128, 1e-3f, seed, 0, 0);
        }

        public Config withEpochs(int e) {
            return new Config(dataset, e, batchSize, lr, seed, trainLimit, testLimit);
        }

        public Config withLimits(int train, int test) {
            return new Config(dataset, epochs, batchSize, lr, seed, train, test);
        }

        public Config withBatchSize(int b) {
            return new Config(dataset, epochs, b, lr, seed, trainLimit, testLimit);
        }

        public Config withLearningRate(float r) {
            return new Config(dataset, epochs, batchSize, r, seed, trainLimit, testLimit);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", "mnist_cnn");
            m.put("dataset", dataset.folder());
            m.put("classes", List.of(dataset.classNames()));
            m.put("epochs", epochs);
            m.put("batch_size", batchSize);
            m.put("lr", lr);
            return m;
        }
    }

    /** One epoch's figures. */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, double seconds, double imagesPerSecond) {}

    /** The result: per-epoch figures and the final test metrics. */
    public record Result(List<Epoch> epochs, Metrics test) {}

    private CnnTrainer() {}

    public static Result train(Device device, ImageSet data, Config config, Progress.Factory progress, Path checkpoint)
            throws IOException {
        device.manualSeed(config.seed());
        MnistCnn model = new MnistCnn(device);
        Adam adam = new Adam(model.parameters(), config.lr());
        IdxImages train = data.trainImages();
        int n = config.trainLimit() > 0 ? Math.min(config.trainLimit(), train.count()) : train.count();
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        LrSchedule schedule = LrSchedule.cosine(config.lr(), config.lr() / 100, 0, totalSteps);
        SplittableRandom shuffle = new SplittableRandom(config.seed());
        List<Epoch> epochs = new ArrayList<>();
        Metrics last = null;
        long step = 0;
        for (int e = 1; e <= config.epochs(); e++) {
            int[] order = permutation(n, shuffle);
            model.train();
            long start = System.nanoTime();
            double lossSum = 0;
            int lossCount = 0;
            try (Progress bar = progress.start("epoch " + e + "/" + config.epochs(), stepsPerEpoch, "batches")) {
                for (int b = 0; b < stepsPerEpoch; b++) {
                    int from = b * config.batchSize(), to = Math.min(n, from + config.batchSize());
                    int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                    schedule.apply(adam, step++);
                    try (Scope s = Scope.open()) {
                        Tensor x = Images.batch(device, train, idx);
                        Tensor y = Images.labels(device, data.trainLabels(), idx);
                        Tensor loss = CrossEntropyLoss.mean(model.forward(x), y);
                        adam.zeroGrad();
                        loss.backward();
                        adam.step();
                        // Reading the loss is a device-to-host copy: do it every 10 steps only.
                        if (b % 10 == 0 || b == stepsPerEpoch - 1) {
                            float l = loss.item();
                            if (!Float.isFinite(l)) {
                                throw new org.shendu.core.ShenduException("training diverged: loss " + l + " at epoch " + e + ", batch " + b);
                            }
                            lossSum += l;
                            lossCount++;
                            bar.status(String.format(java.util.Locale.ROOT, "loss %.4f", l));
                        }
                    }
                    bar.advance(1);
                }
            }
            adam.zeroGrad();
            double seconds = (System.nanoTime() - start) / 1e9;
            last = evaluate(model, data.testImages(), data.testLabels(), config.testLimit(), config.batchSize() * 2);
            epochs.add(new Epoch(e, lossSum / Math.max(1, lossCount), last.accuracy(), seconds, n / seconds));
            LOG.info(String.format(java.util.Locale.ROOT, "%s epoch %d/%d: train loss %.4f, test accuracy %.4f, %.0f s, %.0f images/s",
                    config.dataset().folder(), e, config.epochs(), lossSum / Math.max(1, lossCount), last.accuracy(), seconds, n / seconds));
            if (checkpoint != null) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("test_accuracy", last.accuracy());
                extra.put("epoch", e);
                Checkpoint.save(checkpoint, "mnist_cnn", model, config.toMap(), adam, step, config.seed(), extra);
            }
        }
        model.close();
        return new Result(epochs, last);
    }

    static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Test metrics of a model (in evaluation mode, without gradients). */
    public static Metrics evaluate(MnistCnn model, IdxImages images, byte[] labels, int limit, int batchSize) {
        model.eval();
        Device device = model.device();
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        Metrics m = new Metrics(MnistCnn.CLASSES);
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < n; from += batchSize) {
                int[] idx = Images.range(from, Math.min(n, from + batchSize));
                try (Scope s = Scope.open()) {
                    float[] logits = model.forward(Images.batch(device, images, idx)).toFloatArray();
                    for (int i = 0; i < idx.length; i++) {
                        m.add(labels[idx[i]], argmax(logits, i * MnistCnn.CLASSES, MnistCnn.CLASSES));
                    }
                }
            }
        }
        return m;
    }

    static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
