package org.shendu.gan;

import org.shendu.core.Device;
import org.shendu.core.GradMode;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;

/**
 * Draws images from a generator in evaluation mode (batch-norm running statistics, as
 * {@code anchors/quality/QUALITY.md} §4 samples), without gradients, for latent vectors given on the
 * host; the generator's mode is restored afterwards.
 */
public final class Sampler {
    static final int BATCH = 500;

    private Sampler() {}

    /**
     * Images {@code [n, channels, size, size]} in [-1, 1], row-major, for the {@code n} latent rows of
     * {@code z}; {@code labels} (one class per image) for a conditional generator, else null.
     */
    public static float[] generate(Generator g, float[] z, int n, int[] labels) {
        GanSpec spec = g.spec();
        if (spec.conditional() && labels == null) {
            throw new ShenduException("this generator is conditional: give a class per image");
        }
        if (!spec.conditional() && labels != null) {
            throw new ShenduException("this generator is not conditional: it cannot be asked for a class"
                    + " (train with --conditional)");
        }
        int px = spec.channels() * spec.size() * spec.size();
        float[] out = new float[Math.multiplyExact(n, px)];
        Device device = g.device();
        boolean wasTraining = g.isTraining();
        g.eval();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < n; from += BATCH) {
                int k = Math.min(BATCH, n - from);
                try (Scope s = Scope.open()) {
                    Tensor y = null;
                    if (labels != null) {
                        for (int i = from; i < from + k; i++) {
                            if (labels[i] < 0 || labels[i] >= spec.classes()) {
                                throw new ShenduException("class " + labels[i] + " is out of range: this generator knows classes 0-"
                                        + (spec.classes() - 1));
                            }
                        }
                        y = LatentNoise.oneHot(device, java.util.Arrays.copyOfRange(labels, from, from + k), spec.classes());
                    }
                    float[] images = g.forward(LatentNoise.rows(device, z, spec.latent(), from, k), y).toFloatArray();
                    System.arraycopy(images, 0, out, from * px, k * px);
                }
            }
        } finally {
            if (wasTraining) {
                g.train();
            }
        }
        return out;
    }
}
