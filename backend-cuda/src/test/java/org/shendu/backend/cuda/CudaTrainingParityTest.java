package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.BceLoss;
import org.shendu.core.nn.BceWithLogitsLoss;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.ConvTranspose2d;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Lstm;
import org.shendu.core.nn.MaxPool2d;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.Reshape;
import org.shendu.core.nn.Sequential;
import org.shendu.core.optim.Adam;

/**
 * A few full training steps of each bench workload (bench's {@code TrainingWorkload}: the same layers,
 * losses, optimizers and step structure, at small sizes so the CPU side is quick) on the CPU and on
 * the GPU from identical parameters and inputs: the losses of every step and the parameters after
 * the steps must agree. Dropout is left out and the GAN noise is drawn on the host, because the two
 * backends' random streams differ by design.
 */
@Tag("gpu")
class CudaTrainingParityTest {
    private static final int STEPS = 3;

    @BeforeAll
    static void gpu() {
        String why = GpuAvailability.reason();
        assumeTrue(why == null, () -> "no GPU: " + why);
    }

    /** A built workload: its modules (parameters and buffers to align) and one step returning the loss. */
    private record Built(List<Module> modules, IntFunction<Tensor> step, float lr) {}

    private static Tensor[] intPool(Device d, int bound, int... shape) {
        SplittableRandom r = new SplittableRandom(0);
        int n = 1;
        for (int s : shape) n *= s;
        Tensor[] pool = new Tensor[2];
        for (int p = 0; p < pool.length; p++) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = r.nextInt(bound);
            pool[p] = d.ints(v, shape);
        }
        return pool;
    }

    private static Tensor[] floatPool(Device d, long seed, float lo, float hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1;
        for (int s : shape) n *= s;
        Tensor[] pool = new Tensor[STEPS];
        for (int p = 0; p < pool.length; p++) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * (float) r.nextDouble();
            pool[p] = d.tensor(v, shape);
        }
        return pool;
    }

    private static Built build(String name, Device d) {
        return Scope.detached(() -> switch (name) {
            case "lstm_sentiment" -> {
                int B = 8, T = 12, V = 50;
                Embedding emb = new Embedding(d, V, 16);
                Lstm lstm = Lstm.builder(d, 16, 16).batchFirst(true).build();
                Linear fc = new Linear(d, 16, 2);
                Adam adam = new Adam(params(emb, lstm, fc), 1e-3f);
                Tensor[] xs = intPool(d, V, B, T), ys = intPool(d, 2, B);
                int[] lengths = {12, 3, 7, 12, 1, 9, 12, 5};
                yield new Built(List.of(emb, lstm, fc), i -> {
                    adam.zeroGrad();
                    // The variable lengths take cuDNN's padded path; lstm_sentiment itself passes none.
                    Tensor logits = fc.forward(lstm.forward(emb.forward(xs[i % 2]), i == 0 ? null : lengths).last());
                    Tensor loss = CrossEntropyLoss.mean(logits, ys[i % 2]);
                    loss.backward();
                    adam.step();
                    return loss;
                }, 1e-3f);
            }
            case "char_lstm_poetry" -> {
                // hidden 144 > 128: cuDNN's STANDARD algorithm, as at the real size (256).
                int B = 4, T = 10, V = 40;
                Embedding emb = new Embedding(d, V, 16);
                Lstm lstm = Lstm.builder(d, 16, 144).layers(2).batchFirst(true).build();
                Linear fc = new Linear(d, 144, V);
                Adam adam = new Adam(params(emb, lstm, fc), 1e-3f);
                Tensor[] xs = intPool(d, V, B, T), ys = intPool(d, V, B, T);
                yield new Built(List.of(emb, lstm, fc), i -> {
                    adam.zeroGrad();
                    Tensor logits = fc.forward(lstm.forward(emb.forward(xs[i % 2])).output());
                    Tensor loss = CrossEntropyLoss.mean(logits.reshape(-1, V), ys[i % 2].reshape(-1));
                    loss.backward();
                    adam.step();
                    return loss;
                }, 1e-3f);
            }
            case "dcgan_mnist" -> {
                int B = 8, nz = 16;
                Sequential g = new Sequential(new Linear(d, nz, 32 * 7 * 7), new Reshape(32, 7, 7),
                        BatchNorm.of2d(d, 32), Activation.relu(), ConvTranspose2d.builder(d, 32, 16, 4).stride(2).padding(1).bias(false).build(),
                        BatchNorm.of2d(d, 16), Activation.relu(), ConvTranspose2d.builder(d, 16, 1, 4).stride(2).padding(1).build(),
                        Activation.tanh());
                Sequential disc = new Sequential(Conv2d.builder(d, 1, 16, 4).stride(2).padding(1).build(),
                        Activation.leakyRelu(0.2f),
                        Conv2d.builder(d, 16, 32, 4).stride(2).padding(1).bias(false).build(),
                        BatchNorm.of2d(d, 32), Activation.leakyRelu(0.2f),
                        Reshape.flatten(), new Linear(d, 32 * 7 * 7, 1), new Reshape());
                yield gan(d, g, disc, floatPool(d, 1, -1f, 1f, B, 1, 28, 28), floatPool(d, 2, -2f, 2f, B, nz), true);
            }
            case "dcgan64" -> {
                int B = 8, nz = 16;
                Sequential g = new Sequential(ConvTranspose2d.builder(d, nz, 32, 4).bias(false).build(),
                        BatchNorm.of2d(d, 32),
                        Activation.relu(), ConvTranspose2d.builder(d, 32, 16, 4).stride(2).padding(1).bias(false).build(),
                        BatchNorm.of2d(d, 16),
                        Activation.relu(), ConvTranspose2d.builder(d, 16, 3, 4).stride(2).padding(1).bias(false).build(),
                        Activation.tanh());
                Sequential disc = new Sequential(Conv2d.builder(d, 3, 16, 4).stride(2).padding(1).bias(false).build(),
                        Activation.leakyRelu(0.2f),
                        Conv2d.builder(d, 16, 32, 4).stride(2).padding(1).bias(false).build(),
                        BatchNorm.of2d(d, 32), Activation.leakyRelu(0.2f),
                        Conv2d.builder(d, 32, 1, 4).bias(false).build(), Activation.sigmoid(), new Reshape());
                yield gan(d, g, disc, floatPool(d, 1, -1f, 1f, B, 3, 16, 16), floatPool(d, 2, -2f, 2f, B, nz, 1, 1),
                        false);
            }
            case "cnn_mnist" -> {
                int B = 16;
                Sequential model = new Sequential(Conv2d.builder(d, 1, 8, 5).padding(2).build(), Activation.relu(),
                        new MaxPool2d(2), Conv2d.builder(d, 8, 16, 5).padding(2).build(),
                        Activation.relu(), new MaxPool2d(2),
                        Reshape.flatten(), new Linear(d, 7 * 7 * 16, 64), Activation.relu(), new Linear(d, 64, 10));
                Adam adam = new Adam(model.parameters(), 1e-3f);
                Tensor[] xs = floatPool(d, 1, 0f, 1f, B, 1, 28, 28), ys = intPool(d, 10, B);
                yield new Built(List.of(model), i -> {
                    adam.zeroGrad();
                    Tensor loss = CrossEntropyLoss.mean(model.forward(xs[i]), ys[i % 2]);
                    loss.backward();
                    adam.step();
                    return loss;
                }, 1e-3f);
            }
            default -> throw new IllegalArgumentException(name);
        });
    }

    /** TrainingWorkload's GAN step, with the step's noise taken from a host-made pool. */
    private static Built gan(Device d, Sequential g, Sequential disc, Tensor[] reals, Tensor[] noise, boolean logits) {
        Adam optD = Adam.builder(disc.parameters(), 2e-4f).betas(0.5f, 0.999f).build();
        Adam optG = Adam.builder(g.parameters(), 2e-4f).betas(0.5f, 0.999f).build();
        return new Built(List.of(g, disc), i -> {
            optD.zeroGrad();
            Tensor errReal = bce(disc.forward(reals[i]), 1f, logits);
            errReal.backward();
            Tensor fake = g.forward(noise[i]);
            Tensor errFake = bce(disc.forward(fake.detach()), 0f, logits);
            errFake.backward();
            optD.step();
            optG.zeroGrad();
            Tensor errG = bce(disc.forward(fake), 1f, logits);
            errG.backward();
            optG.step();
            return errReal.add(errFake).add(errG);
        }, 2e-4f);
    }

    private static Tensor bce(Tensor out, float target, boolean logits) {
        return logits ? BceWithLogitsLoss.mean(out, target) : BceLoss.mean(out, target);
    }

    private static List<Tensor> params(Module... modules) {
        List<Tensor> all = new ArrayList<>();
        for (Module m : modules) all.addAll(m.parameters());
        return all;
    }

    /** Copies every parameter and buffer of {@code from} into {@code to} (same architecture). */
    private static void align(Built from, Built to, Device target) {
        for (int m = 0; m < from.modules().size(); m++) {
            Map<String, Tensor> src = from.modules().get(m).stateDict(), dst = to.modules().get(m).stateDict();
            src.forEach((name, t) -> {
                Tensor into = dst.get(name);
                try (var staged = target.backend().upload(t.toFloatArray())) {
                    target.backend().copy(staged, 0, into.storage(), 0, t.size());
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_sentiment", "char_lstm_poetry", "dcgan_mnist", "dcgan64", "cnn_mnist"})
    void trainingStepsAgreeWithTheCpu(String workload) {
        Device cpu = Device.cpu(), gpu = Device.of("cuda");
        Built a = build(workload, cpu), b = build(workload, gpu);
        align(a, b, gpu);
        for (int i = 0; i < STEPS; i++) {
            try (Scope s = Scope.open()) {
                float la = a.step().apply(i).item(), lb = b.step().apply(i).item();
                double rel = Math.abs(la - lb) / Math.max(1e-3, Math.abs(la));
                System.out.printf("CHECK %s step %d loss cpu %.6f gpu %.6f rel %.2e%n", workload, i, la, lb, rel);
                assertTrue(rel < 2e-3, workload + " step " + i + ": loss cpu " + la + " gpu " + lb);
            }
        }
        // Adam moves each parameter by about lr a step whatever the gradient's size, so a wrong
        // gradient shows as differences of order lr over a whole tensor; rounding differences stay far
        // below (gradients at rounding-noise level, such as a bias before batch norm, are damped by
        // Adam's eps). Checked per tensor, so a small wrong layer is not averaged away.
        double max = 0, worstMean = 0;
        String worst = "";
        for (int m = 0; m < a.modules().size(); m++) {
            Map<String, Tensor> pa = a.modules().get(m).namedParameters(), pb = b.modules().get(m).namedParameters();
            for (String name : pa.keySet()) {
                float[] va = pa.get(name).toFloatArray(), vb = pb.get(name).toFloatArray();
                double sum = 0;
                for (int i = 0; i < va.length; i++) {
                    double dlt = Math.abs(va[i] - vb[i]);
                    sum += dlt;
                    max = Math.max(max, dlt);
                }
                double mean = sum / Math.max(1, va.length);
                if (mean > worstMean) {
                    worstMean = mean;
                    worst = m + "." + name;
                }
            }
        }
        System.out.printf("CHECK %s parameters after %d steps: worst tensor %s mean |cpu-gpu| %.2e, max %.2e (lr %.0e)%n",
                workload, STEPS, worst, worstMean, max, a.lr());
        assertTrue(worstMean < 0.25 * a.lr() * STEPS, workload + ": mean difference of " + worst + " " + worstMean);
        assertTrue(max < 2.5 * a.lr() * STEPS, workload + ": max parameter difference " + max);
    }
}
