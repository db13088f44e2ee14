package org.shendu.gan.fid;

import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.gan.Generator;
import org.shendu.gan.LatentNoise;

/**
 * FID and class statistics of a generator as {@code anchors/quality/QUALITY.md} §4 defines them: G
 * in evaluation mode (batch-norm running statistics), {@code n} samples (10,000) from a fixed noise
 * set (seed 12345), generated in batches of 500, mapped from [-1, 1] to [0, 1] without 8-bit
 * quantisation, against the real set of a {@link FidReference}. A conditional generator is asked
 * for the classes in turn (sample i gets class i mod 10), so each class has a tenth of the samples.
 */
public final class GeneratorEvaluation {
    public static final int SAMPLES = 10_000;
    public static final long NOISE_SEED = 12345;
    static final int BATCH = 500;

    private GeneratorEvaluation() {}

    /**
     * The figures of one evaluation; {@code askedClassAccuracy} is, for a conditional generator, the
     * share of samples the classifier puts in the class they were asked for (NaN otherwise).
     */
    public record Report(int samples, long noiseSeed, double fid, ClassStatistics classes, double askedClassAccuracy) {}

    public static Report evaluate(Generator g, FidReference reference, int n, long noiseSeed) {
        if (g.spec().channels() != 1 || g.spec().size() != 28) {
            throw new ShenduException("FID-MNIST and FID-Fashion need a generator of 1x28x28 images; this one makes "
                    + g.spec().channels() + "x" + g.spec().size() + "x" + g.spec().size());
        }
        boolean wasTraining = g.isTraining();
        g.eval();
        Device device = g.device();
        int latent = g.spec().latent();
        float[] z = LatentNoise.gaussian(noiseSeed, n, latent);
        GaussianFit fit = new GaussianFit(ReferenceClassifier.FEATURES);
        ClassStatistics.Accumulator classes = new ClassStatistics.Accumulator(10);
        long hits = 0;
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < n; from += BATCH) {
                int k = Math.min(BATCH, n - from);
                try (Scope s = Scope.open()) {
                    Tensor labels = null;
                    int[] y = new int[k];
                    if (g.spec().conditional()) {
                        for (int i = 0; i < k; i++) {
                            y[i] = (from + i) % g.spec().classes();
                        }
                        labels = LatentNoise.oneHot(device, y, g.spec().classes());
                    }
                    Tensor images = g.forward(LatentNoise.rows(device, z, latent, from, k), labels);
                    float[] logits = reference.classifier().observe(images.add(1f).mul(0.5f), fit, classes);
                    for (int i = 0; i < k; i++) {
                        hits += ClassStatistics.argmax(logits, i * 10, 10) == y[i] ? 1 : 0;
                    }
                }
            }
        } finally {
            if (wasTraining) {
                g.train();
            }
        }
        return new Report(n, noiseSeed, reference.fid(fit), classes.result(), g.spec().conditional() ? (double) hits / n : Double.NaN);
    }
}
