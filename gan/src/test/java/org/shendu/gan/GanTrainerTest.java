package org.shendu.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Progress;
import org.shendu.core.Tensor;
import org.shendu.gan.data.FakeImageSource;

class GanTrainerTest {
    private static final Device CPU = Device.cpu();
    private static final GanTrainer.Listener QUIET = new GanTrainer.Listener() {};

    /**
     * Two epochs in one go equal one epoch, a checkpoint, a fresh process's load and the second epoch:
     * every weight, BN statistic, spectral-norm vector and Adam moment (the spectrally normalised
     * networks train with the hinge loss).
     */
    @Test
    void resumedRunContinuesExactly(@TempDir Path dir) throws Exception {
        for (GanSpec spec : List.of(new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 16, 0), new GanSpec(Architecture.MLP, 1, 28, 8, 10),
                new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 16, 0, true), new GanSpec(Architecture.MLP, 1, 28, 8, 0, true))) {
            FakeImageSource data = new FakeImageSource(48, 1, 28, 10, 3);
            TrainingRecipe recipe = TrainingRecipe.dcgan().withEpochs(2).withBatchSize(16)
                    .withLoss(spec.spectralNorm() ? GanLoss.HINGE : GanLoss.BCE);
            Path ckpt = dir.resolve(spec.architecture().id() + (spec.spectralNorm() ? "-sn" : ""));
            try (Gan straight = Gan.create(CPU, spec, recipe, 7); Gan first = Gan.create(CPU, spec, recipe.withEpochs(1), 7)) {
                List<GanTrainer.Epoch> all = GanTrainer.train(straight, data, 7, 1, 0, null, Progress.Factory.NONE, QUIET);
                GanTrainer.train(first, data, 7, 1, 0, ckpt, Progress.Factory.NONE, QUIET);
                var info = Gan.info(ckpt);
                assertEquals(3, info.step());
                assertEquals(1, ((Number) info.extra().get("epoch")).intValue());
                try (Gan resumed = Gan.load(ckpt, CPU)) {
                    assertEquals(spec, resumed.spec());
                    assertEquals(recipe.loss(), resumed.recipe().loss());
                    resumed.extendTo(2);
                    List<GanTrainer.Epoch> second = GanTrainer.train(resumed, data, 7, 2, info.step(), ckpt, Progress.Factory.NONE, QUIET);
                    assertEquals(all.get(1).lossD(), second.get(0).lossD(), 0.0, spec.architecture().id());
                    assertSame(straight.generator().stateDict(), resumed.generator().stateDict());
                    assertSame(straight.discriminator().stateDict(), resumed.discriminator().stateDict());
                    assertSame(straight.optimizerG().state(), resumed.optimizerG().state());
                    assertSame(straight.optimizerD().state(), resumed.optimizerD().state());
                    assertEquals(straight.optimizerD().steps(), resumed.optimizerD().steps());
                }
            }
        }
    }

    /** One step moves both networks, and D's gradient from the G step does not leak into the next D step. */
    @Test
    void oneStepUpdatesBothNetworks() {
        GanSpec spec = new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 16, 0);
        try (Gan gan = Gan.create(CPU, spec, TrainingRecipe.dcgan(), 1); var s = org.shendu.core.Scope.open()) {
            float[] g0 = gan.generator().stateDict().get("fc.weight").toFloatArray();
            float[] d0 = gan.discriminator().stateDict().get("fc.weight").toFloatArray();
            Tensor x = CPU.uniform(-1, 1, 8, 1, 28, 28);
            float[] m = GanTrainer.step(gan, x, null, TrainingRecipe.dcgan());
            assertTrue(m[0] > 0 && m[1] > 0 && m[2] > 0 && m[2] < 1 && m[3] > 0 && m[3] < 1, java.util.Arrays.toString(m));
            assertFalse(java.util.Arrays.equals(g0, gan.generator().stateDict().get("fc.weight").toFloatArray()));
            assertFalse(java.util.Arrays.equals(d0, gan.discriminator().stateDict().get("fc.weight").toFloatArray()));
            assertEquals(1, gan.optimizerG().steps());
            assertEquals(1, gan.optimizerD().steps());
        }
    }

    /** --spectral-norm wraps every convolution and linear layer of D, keeping the layer's names. */
    @Test
    void spectrallyNormalisedDiscriminator() {
        try (Gan gan = Gan.create(CPU, new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 16, 0, true), TrainingRecipe.dcgan(), 3)) {
            assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "bn2.weight", "bn2.bias", "fc.weight", "fc.bias"),
                    List.copyOf(gan.discriminator().namedParameters().keySet()));
            assertEquals(3, gan.discriminator().modules().stream().filter(m -> m instanceof org.shendu.core.nn.SpectralNorm).count());
            assertTrue(gan.discriminator().stateDict().containsKey("conv2.weight_u"));
            assertEquals(0.02, std(gan.discriminator().namedParameters().get("conv2.weight").toFloatArray()), 0.001);
            assertEquals(138_689, gan.discriminator().parameterCount());
        }
    }

    /** The DCGAN initialisation: weights with standard deviation 0.02, BN scales near 1, biases 0. */
    @Test
    void dcganInitialisation() {
        try (Gan gan = Gan.create(CPU, new GanSpec(Architecture.DCGAN_MNIST, 1, 28, 100, 0), TrainingRecipe.dcgan(), 3)) {
            Map<String, Tensor> p = gan.generator().namedParameters();
            assertEquals(0.02, std(p.get("fc.weight").toFloatArray()), 0.001);
            assertEquals(0.02, std(p.get("deconv1.weight").toFloatArray()), 0.001);
            assertEquals(1.0, mean(p.get("bn0.weight").toFloatArray()), 0.01);
            assertEquals(0.0, std(p.get("fc.bias").toFloatArray()), 0.0);
            assertEquals(765_953 + 138_689, gan.generator().parameterCount() + gan.discriminator().parameterCount());
        }
    }

    private static void assertSame(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), actual.get(k).toFloatArray(), k));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v), s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
