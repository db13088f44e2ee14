package org.shendu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shendu.cnn.MnistCnn;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.nn.Activation;
import org.shendu.core.nn.BatchNorm;
import org.shendu.core.nn.BceLoss;
import org.shendu.core.nn.BceWithLogitsLoss;
import org.shendu.core.nn.Conv2d;
import org.shendu.core.nn.ConvTranspose2d;
import org.shendu.core.nn.CrossEntropyLoss;
import org.shendu.core.nn.Embedding;
import org.shendu.core.nn.Init;
import org.shendu.core.nn.Linear;
import org.shendu.core.nn.Lstm;
import org.shendu.core.nn.Module;
import org.shendu.core.nn.Reshape;
import org.shendu.core.nn.Sequential;
import org.shendu.core.optim.Adam;

/**
 * The five training workloads of {@code anchors/WORKLOADS.md}, built exactly as the PyTorch
 * anchor script builds them: same models, losses, optimizers, batch sizes and step structure, with
 * a pool of 4 synthetic batches and the GAN noise drawn on the device inside each step.
 */
public final class TrainingWorkload {
    static final int POOL = 4;

    /** One training step; returns the loss (in the step's scope). */
    public interface Step {
        Tensor run(int i);
    }

    /** A built workload. */
    public record Built(String name, String unit, int unitsPerStep, long params, Step step) {}

    public static final List<String> NAMES = List.of("lstm_sentiment", "char_lstm_poetry", "dcgan_mnist", "dcgan64", "cnn_mnist");

    private TrainingWorkload() {}

    /** CPU preset steps per timed round, as the anchor script's. */
    public static int cpuSteps(String name) {
        return switch (name) {
            case "lstm_sentiment" -> 4;
            case "char_lstm_poetry" -> 3;
            case "dcgan_mnist" -> 8;
            case "dcgan64" -> 2;
            case "cnn_mnist" -> 20;
            default -> throw new ShenduException("unknown workload '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }

    public static Built build(String name, Device d) {
        return Scope.detached(() -> switch (name) {
            case "lstm_sentiment" -> lstmSentiment(d);
            case "char_lstm_poetry" -> charLstm(d);
            case "dcgan_mnist" -> dcganMnist(d);
            case "dcgan64" -> dcgan64(d);
            case "cnn_mnist" -> cnnMnist(d);
            default -> throw new ShenduException("unknown workload '" + name + "' (" + String.join(", ", NAMES) + ")");
        });
    }

    private static Tensor[] intPool(Device d, SplittableRandom r, int bound, int... shape) {
        Tensor[] pool = new Tensor[POOL];
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        for (int p = 0; p < POOL; p++) {
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(bound);
            }
            pool[p] = d.ints(v, shape);
        }
        return pool;
    }

    private static Tensor[] uniformPool(Device d, float lo, float hi, int... shape) {
        Tensor[] pool = new Tensor[POOL];
        for (int p = 0; p < POOL; p++) {
            pool[p] = d.uniform(lo, hi, shape);
        }
        return pool;
    }

    /** Embedding(30000,128) -> LSTM(128,128) -> last h -> Linear(128,2); Adam 1e-3. */
    static Built lstmSentiment(Device d) {
        int B = 64, T = 256, V = 30000;
        SplittableRandom r = new SplittableRandom(0);
        Embedding emb = new Embedding(d, V, 128);
        Lstm lstm = Lstm.builder(d, 128, 128).batchFirst(true).build();
        Linear fc = new Linear(d, 128, 2);
        List<Tensor> params = params(emb, lstm, fc);
        Adam adam = new Adam(params, 1e-3f);
        Tensor[] xs = intPool(d, r, V, B, T), ys = intPool(d, r, 2, B);
        return new Built("lstm_sentiment", "samples/s", B, count(params), i -> {
            adam.zeroGrad();
            Tensor logits = fc.forward(lstm.forward(emb.forward(xs[i % POOL])).last());
            Tensor loss = CrossEntropyLoss.mean(logits, ys[i % POOL]);
            loss.backward();
            adam.step();
            return loss;
        });
    }

    /** Embedding(6000,128) -> LSTM(128->256, 2 layers) -> Linear(256,6000) at every step; Adam 1e-3. */
    static Built charLstm(Device d) {
        int B = 64, T = 64, V = 6000;
        SplittableRandom r = new SplittableRandom(0);
        Embedding emb = new Embedding(d, V, 128);
        Lstm lstm = Lstm.builder(d, 128, 256).layers(2).batchFirst(true).build();
        Linear fc = new Linear(d, 256, V);
        List<Tensor> params = params(emb, lstm, fc);
        Adam adam = new Adam(params, 1e-3f);
        Tensor[] xs = intPool(d, r, V, B, T), ys = intPool(d, r, V, B, T);
        return new Built("char_lstm_poetry", "tokens/s", B * T, count(params), i -> {
            adam.zeroGrad();
            Tensor logits = fc.forward(lstm.forward(emb.forward(xs[i % POOL])).output());
            Tensor loss = CrossEntropyLoss.mean(logits.reshape(-1, V), ys[i % POOL].reshape(-1));
            loss.backward();
            adam.step();
            return loss;
        });
    }

    /** The small MNIST DCGAN: G and D as in WORKLOADS.md, BCE-with-logits, Adam 2e-4 (0.5, 0.999). */
    static Built dcganMnist(Device d) {
        int B = 128, nz = 100;
        Sequential g = new Sequential(new Linear(d, nz, 128 * 7 * 7), new Reshape(128, 7, 7), BatchNorm.of2d(d, 128),
                Activation.relu(), ConvTranspose2d.builder(d, 128, 64, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, 64), Activation.relu(),
                ConvTranspose2d.builder(d, 64, 1, 4).stride(2).padding(1).build(), Activation.tanh());
        Sequential disc = new Sequential(Conv2d.builder(d, 1, 64, 4).stride(2).padding(1).build(),
                Activation.leakyRelu(0.2f),
                Conv2d.builder(d, 64, 128, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, 128), Activation.leakyRelu(0.2f),
                Reshape.flatten(), new Linear(d, 128 * 7 * 7, 1), new Reshape());
        Tensor[] reals = uniformPool(d, -1f, 1f, B, 1, 28, 28);
        return gan("dcgan_mnist", d, g, disc, reals, new int[] {B, nz}, true);
    }

    /** pytorch/examples dcgan at 64x64, nz=100, ngf=ndf=64, nc=3: N(0, 0.02) init, BCE on a sigmoid. */
    static Built dcgan64(Device d) {
        int B = 128, nz = 100, ngf = 64, ndf = 64, nc = 3;
        Sequential g = new Sequential(
                ConvTranspose2d.builder(d, nz, ngf * 8, 4).bias(false).build(),
                BatchNorm.of2d(d, ngf * 8), Activation.relu(),
                ConvTranspose2d.builder(d, ngf * 8, ngf * 4, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ngf * 4), Activation.relu(),
                ConvTranspose2d.builder(d, ngf * 4, ngf * 2, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ngf * 2), Activation.relu(),
                ConvTranspose2d.builder(d, ngf * 2, ngf, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ngf), Activation.relu(),
                ConvTranspose2d.builder(d, ngf, nc, 4).stride(2).padding(1).bias(false).build(), Activation.tanh());
        Sequential disc = new Sequential(
                Conv2d.builder(d, nc, ndf, 4).stride(2).padding(1).bias(false).build(), Activation.leakyRelu(0.2f),
                Conv2d.builder(d, ndf, ndf * 2, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ndf * 2), Activation.leakyRelu(0.2f),
                Conv2d.builder(d, ndf * 2, ndf * 4, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ndf * 4), Activation.leakyRelu(0.2f),
                Conv2d.builder(d, ndf * 4, ndf * 8, 4).stride(2).padding(1).bias(false).build(),
                BatchNorm.of2d(d, ndf * 8), Activation.leakyRelu(0.2f),
                Conv2d.builder(d, ndf * 8, 1, 4).bias(false).build(), Activation.sigmoid(), new Reshape());
        for (Sequential net : List.of(g, disc)) {
            net.namedParameters().forEach((name, t) -> {
                if (t.rank() == 4) {
                    Init.dcgan(t);
                } else if (name.endsWith("weight")) {
                    Init.normal(t, 1f, 0.02f);
                } else {
                    Init.constant(t, 0f);
                }
            });
        }
        Tensor[] reals = uniformPool(d, -1f, 1f, B, nc, 64, 64);
        return gan("dcgan64", d, g, disc, reals, new int[] {B, nz, 1, 1}, false);
    }

    /** The anchor's GAN step: D on real (1), D on G(z).detach() (0), step D; D(G(z)) (1) through G, step G. */
    private static Built gan(String name, Device d, Sequential g, Sequential disc, Tensor[] reals, int[] zShape, boolean logits) {
        Adam optD = Adam.builder(disc.parameters(), 2e-4f).betas(0.5f, 0.999f).build();
        Adam optG = Adam.builder(g.parameters(), 2e-4f).betas(0.5f, 0.999f).build();
        List<Tensor> all = new ArrayList<>(g.parameters());
        all.addAll(disc.parameters());
        return new Built(name, "images/s", zShape[0], count(all), i -> {
            optD.zeroGrad();
            Tensor errReal = bce(disc.forward(reals[i % POOL]), 1f, logits);
            errReal.backward();
            Tensor z = d.normal(0f, 1f, zShape);
            Tensor fake = g.forward(z);
            Tensor errFake = bce(disc.forward(fake.detach()), 0f, logits);
            errFake.backward();
            optD.step();
            optG.zeroGrad();
            Tensor errG = bce(disc.forward(fake), 1f, logits);
            errG.backward();
            optG.step();
            return errReal.add(errFake).add(errG);
        });
    }

    private static Tensor bce(Tensor out, float target, boolean logits) {
        return logits ? BceWithLogitsLoss.mean(out, target) : BceLoss.mean(out, target);
    }

    /** The course's MNIST CNN, Adam 1e-4. */
    static Built cnnMnist(Device d) {
        int B = 128;
        SplittableRandom r = new SplittableRandom(0);
        MnistCnn model = new MnistCnn(d);
        Adam adam = new Adam(model.parameters(), 1e-4f);
        Tensor[] xs = uniformPool(d, 0f, 1f, B, 1, 28, 28), ys = intPool(d, r, 10, B);
        return new Built("cnn_mnist", "images/s", B, model.parameterCount(), i -> {
            adam.zeroGrad();
            Tensor loss = CrossEntropyLoss.mean(model.forward(xs[i % POOL]), ys[i % POOL]);
            loss.backward();
            adam.step();
            return loss;
        });
    }

    private static List<Tensor> params(Module... modules) {
        List<Tensor> all = new ArrayList<>();
        for (Module m : modules) {
            all.addAll(m.parameters());
        }
        return all;
    }

    private static long count(List<Tensor> params) {
        return params.stream().mapToLong(Tensor::size).sum();
    }
}
