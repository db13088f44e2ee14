package org.shendu.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.train.Batches;
import org.shendu.gan.data.ImageSource;

/**
 * Trains a {@link Gan} with the step of {@code anchors/WORKLOADS.md} ({@code dcgan_mnist}), the
 * DCGAN step of Radford et al. 2016 (with the recipe's {@link GanLoss}; BCE shown): <b>D step</b> zero D's gradients; {@code BCE(D(x), 1)}
 * backward; {@code fake = G(z)}; {@code BCE(D(fake.detach()), 0)} backward; step D. <b>G step</b>
 * zero G's gradients; {@code BCE(D(fake), 1)} on the same fake batch backward; step G. Batches are
 * the shuffled training images with the last partial batch dropped; z ~ N(0, 1) is drawn fresh each
 * step. A conditional GAN gives G the real batch's labels.
 *
 * <p>Every epoch starts from random state derived from (seed, epoch) alone: the shuffle
 * ({@link Batches}) and the device's seed sequence. With the networks, both optimizers and that, a
 * run resumed from the checkpoint of epoch k continues exactly as the uninterrupted run. (It does
 * not run on {@code core.train.Trainer}: that loop always starts at epoch 1 and reads one loss,
 * where a GAN reports four figures per step.)
 */
public final class GanTrainer {
    private GanTrainer() {}

    /** One epoch's means over its steps. {@code dReal} = D(x), {@code dFake} = D(G(z)) before the G step. */
    public record Epoch(int epoch, double lossD, double lossG, double dReal, double dFake, double seconds, double imagesPerSecond) {
        public String line() {
            return String.format(Locale.ROOT, "epoch %d  loss D %.4f  loss G %.4f  D(x) %.3f  D(G(z)) %.3f  %.0f s  %.1f images/s",
                    epoch, lossD, lossG, dReal, dFake, seconds, imagesPerSecond);
        }
    }

    /** Called as training goes: after each step and after each epoch (e.g. to save sample grids). */
    public interface Listener {
        default void afterStep(Gan gan, int epoch, long step) throws IOException {}

        default void afterEpoch(Gan gan, Epoch epoch) throws IOException {}
    }

    /**
     * Trains {@code gan} on {@code data} from epoch {@code firstEpoch} to the recipe's last, saving a
     * checkpoint in {@code checkpoint} (when not null) after every epoch.
     */
    public static List<Epoch> train(Gan gan, ImageSource data, long seed, int firstEpoch, long firstStep, Path checkpoint,
                                    Progress.Factory progress, Listener listener) throws IOException {
        return train(gan, data, seed, firstEpoch, firstStep, checkpoint, Map.of(), progress, listener);
    }

    /**
     * As above, with {@code extra} entries written into every checkpoint (what the caller needs to
     * continue the run, e.g. the options that chose the data).
     */
    public static List<Epoch> train(Gan gan, ImageSource data, long seed, int firstEpoch, long firstStep, Path checkpoint,
                                    Map<String, Object> extra, Progress.Factory progress, Listener listener) throws IOException {
        GanSpec spec = gan.spec();
        TrainingRecipe recipe = gan.recipe();
        if (data.channels() != spec.channels() || data.size() != spec.size()) {
            throw new ShenduException("the images are " + data.channels() + "x" + data.size() + "x" + data.size()
                    + " but the networks make " + spec.channels() + "x" + spec.size() + "x" + spec.size());
        }
        if (spec.conditional() && data.classes() != spec.classes()) {
            throw new ShenduException("a conditional GAN needs labelled images with " + spec.classes() + " classes; "
                    + data.describe() + " has " + data.classes());
        }
        int batch = recipe.batchSize();
        Batches sampler = Batches.of(data.count(), batch).shuffled(seed).dropLast(true);
        int steps = sampler.size();
        if (steps == 0) {
            throw new ShenduException(data.describe() + " has fewer images (" + data.count() + ") than one batch (" + batch + ")");
        }
        Device device = gan.generator().device();
        int px = spec.channels() * spec.size() * spec.size();
        float[] xs = new float[batch * px];
        long step = firstStep;
        List<Epoch> epochs = new ArrayList<>();
        for (int e = firstEpoch; e <= recipe.epochs(); e++) {
            device.manualSeed(epochSeed(seed, e));
            List<int[]> batches = sampler.batches(e);
            gan.generator().train();
            gan.discriminator().train();
            double sumD = 0, sumG = 0, sumReal = 0, sumFake = 0;
            long start = System.nanoTime();
            try (Progress bar = progress.start("epoch " + e + "/" + recipe.epochs(), steps, "batches")) {
                for (int s = 0; s < steps; s++) {
                    int[] idx = batches.get(s);
                    data.fill(idx, xs);
                    float[] m;
                    try (Scope scope = Scope.open()) {
                        Tensor x = device.tensor(xs, batch, spec.channels(), spec.size(), spec.size());
                        Tensor y = spec.conditional() ? LatentNoise.oneHot(device, labels(data, idx), spec.classes()) : null;
                        m = step(gan, x, y, recipe);
                    }
                    if (!Double.isFinite(m[0]) || !Double.isFinite(m[1])) {
                        throw new ShenduException("training diverged: loss D " + m[0] + ", loss G " + m[1] + " at epoch " + e
                                + ", step " + (s + 1));
                    }
                    sumD += m[0];
                    sumG += m[1];
                    sumReal += m[2];
                    sumFake += m[3];
                    step++;
                    bar.advance(1);
                    if (s % 10 == 0) {
                        bar.status(String.format(Locale.ROOT, "D %.3f G %.3f D(x) %.2f D(G(z)) %.2f", m[0], m[1], m[2], m[3]));
                    }
                    listener.afterStep(gan, e, step);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Epoch ep = new Epoch(e, sumD / steps, sumG / steps, sumReal / steps, sumFake / steps, seconds, steps * batch / seconds);
            epochs.add(ep);
            if (checkpoint != null) {
                Map<String, Object> saved = new LinkedHashMap<>(extra);
                saved.put("data", data.describe());
                saved.put("loss_d", ep.lossD());
                saved.put("loss_g", ep.lossG());
                gan.save(checkpoint, e, step, seed, saved);
            }
            listener.afterEpoch(gan, ep);
        }
        gan.optimizerD().zeroGrad();
        gan.optimizerG().zeroGrad();
        return epochs;
    }

    /**
     * One GAN step on real images {@code x} (labels {@code y} one-hot, or null); returns loss D
     * (real + fake), loss G, D(x) and D(G(z)) as means over the batch.
     */
    static float[] step(Gan gan, Tensor x, Tensor y, TrainingRecipe recipe) {
        GanLoss loss = recipe.loss();
        Generator g = gan.generator();
        Discriminator d = gan.discriminator();
        int batch = x.dim(0);
        gan.optimizerD().zeroGrad();
        Tensor realLogits = d.forward(x, y);
        Tensor lossReal = loss.real(realLogits, recipe.realTarget());
        lossReal.backward();
        Tensor z = x.device().normal(0f, 1f, batch, g.spec().latent());
        Tensor fake = g.forward(z, y);
        Tensor fakeLogits = d.forward(fake.detach(), y);
        Tensor lossFake = loss.fake(fakeLogits);
        lossFake.backward();
        gan.optimizerD().step();
        gan.optimizerG().zeroGrad();
        Tensor lossG = loss.generator(d.forward(fake, y));
        lossG.backward();
        gan.optimizerG().step();
        return new float[] {lossReal.item() + lossFake.item(), lossG.item(), realLogits.sigmoid().mean().item(),
            fakeLogits.sigmoid().mean().item()};
    }

    private static int[] labels(ImageSource data, int[] idx) {
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            y[i] = data.label(idx[i]);
        }
        return y;
    }

    /** The seed of the device's random stream in epoch {@code epoch} (SplitMix64 of seed and epoch). */
    static long epochSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
