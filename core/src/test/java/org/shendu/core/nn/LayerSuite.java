package org.shendu.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shendu.core.Device;
import org.shendu.core.Scope;
import org.shendu.core.ShenduException;
import org.shendu.core.Tensor;
import org.shendu.core.io.Checkpoint;
import org.shendu.core.optim.AdaGrad;
import org.shendu.core.optim.Adam;
import org.shendu.core.optim.GradClip;
import org.shendu.core.optim.Momentum;
import org.shendu.core.optim.Optimizer;
import org.shendu.core.optim.Sgd;

/**
 * Finite-difference gradient checks of every layer and loss, plus optimizer, clipping and
 * checkpoint behaviour; every backend runs it unchanged (subclass it and name the device).
 */
public abstract class LayerSuite {
    protected abstract Device device();

    private Scope scope;
    private Random random;

    @BeforeEach
    void open() {
        scope = Scope.open();
        random = new Random(7);
        device().manualSeed(11);
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Tensor randn(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return device().tensor(v, shape);
    }

    /** The finite-difference check of {@link GradientCheck}; random layers reset the device's seed inside f. */
    private void gradCheck(String name, Supplier<Tensor> f, List<Tensor> wrt) {
        GradientCheck.check(device(), random, name, f, wrt);
    }

    private static List<Tensor> with(Module m, Tensor... inputs) {
        List<Tensor> all = new ArrayList<>(m.parameters());
        for (Tensor t : inputs) {
            all.add(t.requiresGrad(true));
        }
        return all;
    }

    @Test
    void linear() {
        Linear lin = new Linear(device(), 5, 3);
        Tensor x = randn(4, 5);
        gradCheck("linear", () -> lin.forward(x), with(lin, x));
        Tensor x3 = randn(2, 3, 5);
        gradCheck("linear 3-D", () -> lin.forward(x3), with(lin, x3));
        assertEquals(18, lin.parameterCount());
    }

    @Test
    void spectralNormGradient() {
        // In evaluation mode u and v stay put, so the layer is a fixed function of W: the gradient
        // flows through W itself and through sigma = u^T W v.
        SpectralNorm lin = SpectralNorm.of(new Linear(device(), 5, 3));
        lin.forward(randn(2, 5));
        lin.eval();
        Tensor x = randn(4, 5);
        gradCheck("spectral-norm linear", () -> lin.forward(x), with(lin, x));
        SpectralNorm conv = SpectralNorm.of(Conv2d.builder(device(), 2, 3, 3).stride(2).padding(1).build());
        Tensor img = randn(2, 2, 5, 5);
        conv.forward(img);
        conv.eval();
        gradCheck("spectral-norm conv2d", () -> conv.forward(img), with(conv, img));
        assertEquals(List.of("weight", "bias", "weight_u", "weight_v"), List.copyOf(conv.stateDict().keySet()));
    }

    @Test
    void spectralNormSigma() {
        int rows = 6, cols = 8;
        Linear inner = new Linear(device(), cols, rows);
        SpectralNorm sn = SpectralNorm.of(inner);
        float[] w = inner.weight().toFloatArray();
        double[] u = toDouble(sn.stateDict().get("weight_u").toFloatArray());
        // One training pass is one power-iteration step, as float64 computes it from the same u.
        Tensor x = randn(3, cols);
        float[] y = sn.forward(x).toFloatArray();
        double[] v = unit(times(w, rows, cols, u, true));
        double[] u1 = unit(times(w, rows, cols, v, false));
        double sigma = dot(u1, times(w, rows, cols, v, false));
        float[] uNow = sn.stateDict().get("weight_u").toFloatArray();
        for (int i = 0; i < rows; i++) {
            assertEquals(u1[i], uNow[i], 1e-5, "u after one step");
        }
        assertEquals(sigma, sn.sigma(), 1e-5 * sigma);
        // The output is x (W / sigma)^T + b.
        float[] xs = x.toFloatArray(), b = inner.bias().toFloatArray();
        for (int n = 0; n < 3; n++) {
            for (int o = 0; o < rows; o++) {
                double acc = b[o];
                for (int i = 0; i < cols; i++) {
                    acc += xs[n * cols + i] * (double) w[o * cols + i] / sigma;
                }
                assertEquals(acc, y[n * rows + o], 1e-4 * Math.max(1, Math.abs(acc)));
            }
        }
        // Many steps converge to the largest singular value: float64 power iteration on W^T W to 1e-12.
        for (int k = 0; k < 200; k++) {
            sn.forward(x);
        }
        double[] p = unit(new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        for (int k = 0; k < 5000; k++) {
            p = unit(times(w, rows, cols, times(w, rows, cols, p, false), true));
        }
        double top = Math.sqrt(dot(times(w, rows, cols, p, false), times(w, rows, cols, p, false)));
        assertEquals(top, sn.sigma(), 1e-4 * top);
        // Evaluation mode does not move u.
        float[] before = sn.stateDict().get("weight_u").toFloatArray();
        sn.eval();
        sn.forward(x);
        assertArrayEquals(before, sn.stateDict().get("weight_u").toFloatArray());
    }

    /** {@code W v} ({@code transpose}: {@code W^T v}) in float64, W row-major {@code [rows, cols]}. */
    private static double[] times(float[] w, int rows, int cols, double[] v, boolean transpose) {
        double[] out = new double[transpose ? cols : rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (transpose) {
                    out[c] += w[r * cols + c] * v[r];
                } else {
                    out[r] += w[r * cols + c] * v[c];
                }
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] unit(double[] a) {
        double n = Math.sqrt(dot(a, a));
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / n;
        }
        return out;
    }

    private static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    @Test
    void embedding() {
        Embedding emb = new Embedding(device(), 7, 3);
        Tensor ids = device().ints(new int[] {1, 6, 1, 0}, 2, 2);
        gradCheck("embedding", () -> emb.forward(ids), with(emb));
    }

    @Test
    void lstmMultiLayerBidirectionalMasked() {
        Lstm lstm = Lstm.builder(device(), 3, 4).layers(2).bidirectional(true).build();
        Tensor x = randn(5, 3, 3);
        int[] lengths = {5, 3, 1};
        gradCheck("lstm output", () -> lstm.forward(x, lengths).output(), with(lstm, x));
        gradCheck("lstm last", () -> lstm.forward(x, lengths).last(), with(lstm, x));
        Lstm.Output out = lstm.forward(x, lengths);
        assertArrayEquals(new int[] {5, 3, 8}, out.output().dims());
        assertArrayEquals(new int[] {4, 3, 4}, out.hN().dims());
        // The forward direction's last state is its output at the last real step.
        float[] y = out.output().toFloatArray(), last = out.last().toFloatArray();
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(y[((lengths[b] - 1) * 3 + b) * 8 + j], last[b * 8 + j], 1e-6);
                assertEquals(0f, lengths[b] < 5 ? y[(4 * 3 + b) * 8 + j] : 0f, 0f);
            }
        }
        // Padding does not change the real steps: a batch of one gives the same last state.
        Tensor single = x.narrow(1, 1, 1).narrow(0, 0, 3);
        float[] alone = lstm.forward(single).last().toFloatArray();
        for (int j = 0; j < 8; j++) {
            assertEquals(alone[j], last[8 + j], 1e-5);
        }
    }

    @Test
    void lstmBatchFirst() {
        Lstm lstm = Lstm.builder(device(), 2, 3).batchFirst(true).build();
        Tensor x = randn(2, 4, 2);
        gradCheck("lstm batch-first", () -> lstm.forward(x).output(), with(lstm, x));
        assertArrayEquals(new int[] {2, 4, 3}, lstm.forward(x).output().dims());
    }

    @Test
    void convolutionAndPooling() {
        Conv2d conv = Conv2d.builder(device(), 2, 3, 3).padding(1).build();
        Tensor x = randn(2, 2, 6, 6);
        gradCheck("conv2d", () -> conv.forward(x), with(conv, x));
        Conv2d strided = Conv2d.builder(device(), 2, 2, 4).stride(2).padding(1).bias(false).build();
        gradCheck("conv2d stride 2", () -> strided.forward(x), with(strided, x));
        MaxPool2d pool = new MaxPool2d(2);
        // Distinct values 0.1 apart, so a finite-difference step never changes a window's winner.
        List<Float> distinct = new ArrayList<>();
        for (int i = 0; i < 2 * 2 * 6 * 6; i++) {
            distinct.add(i * 0.1f);
        }
        java.util.Collections.shuffle(distinct, random);
        float[] pv = new float[distinct.size()];
        for (int i = 0; i < pv.length; i++) {
            pv[i] = distinct.get(i);
        }
        Tensor px = device().tensor(pv, 2, 2, 6, 6).requiresGrad(true);
        gradCheck("max_pool2d", () -> pool.forward(px), List.of(px));
        ConvTranspose2d up = ConvTranspose2d.builder(device(), 2, 3, 4).stride(2).padding(1).build();
        Tensor z = randn(2, 2, 3, 3);
        gradCheck("conv_transpose2d", () -> up.forward(z), with(up, z));
        assertArrayEquals(new int[] {2, 3, 6, 6}, up.forward(z).dims());
    }

    @Test
    void batchNormTrainAndEval() {
        BatchNorm bn2 = BatchNorm.of2d(device(), 3);
        Tensor x = randn(4, 3, 2, 2);
        gradCheck("batch_norm2d train", () -> bn2.forward(x).mul(randnFixed(4, 3, 2, 2)), with(bn2, x));
        BatchNorm bn1 = BatchNorm.of1d(device(), 3);
        Tensor v = randn(5, 3);
        gradCheck("batch_norm1d train", () -> bn1.forward(v).square(), with(bn1, v));
        // Training output has zero mean and unit variance per channel.
        float[] y = bn1.forward(v).toFloatArray();
        for (int c = 0; c < 3; c++) {
            double m = 0, s = 0;
            for (int i = 0; i < 5; i++) m += y[i * 3 + c];
            m /= 5;
            for (int i = 0; i < 5; i++) s += (y[i * 3 + c] - m) * (y[i * 3 + c] - m);
            assertEquals(0, m, 1e-5);
            assertEquals(1, s / 5, 1e-3);
        }
        bn1.eval();
        gradCheck("batch_norm1d eval", () -> bn1.forward(v), with(bn1, v));
        assertEquals(4, bn1.stateDict().size());
    }

    private Tensor randnFixed(int... shape) {
        Random r = new Random(3);
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return device().tensor(v, shape);
    }

    @Test
    void dropoutAndActivations() {
        Dropout drop = new Dropout(0.5f);
        Tensor x = randn(3, 4);
        gradCheck("dropout (fixed mask)", () -> {
            device().manualSeed(99);
            return drop.forward(x);
        }, List.of(x.requiresGrad(true)));
        drop.eval();
        assertArrayEquals(x.toFloatArray(), drop.forward(x).toFloatArray());
        for (Activation a : new Activation[] {Activation.relu(), Activation.leakyRelu(0.2f), Activation.sigmoid(),
            Activation.tanh(), Activation.softmax(), Activation.logSoftmax()}) {
            Tensor v = randn(2, 5);
            gradCheck(a.toString(), () -> a.forward(v), List.of(v.requiresGrad(true)));
        }
    }

    @Test
    void losses() {
        Tensor logits = randn(4, 3);
        Tensor labels = device().ints(new int[] {2, 0, -1, 1}, 4);
        gradCheck("cross-entropy (ignored index)", () -> CrossEntropyLoss.mean(logits, labels, -1), List.of(logits.requiresGrad(true)));
        float[] z = logits.toFloatArray();
        double expected = 0;
        int[] lab = {2, 0, -1, 1};
        for (int r = 0; r < 4; r++) {
            if (lab[r] < 0) continue;
            double s = 0;
            for (int j = 0; j < 3; j++) s += Math.exp(z[r * 3 + j]);
            expected -= z[r * 3 + lab[r]] - Math.log(s);
        }
        assertEquals(expected / 3, CrossEntropyLoss.mean(logits, labels, -1).item(), 1e-5);
        Tensor targets = device().tensor(new float[] {1, 0, 1, 0, 0, 1}, 2, 3);
        Tensor l2 = randn(2, 3);
        gradCheck("bce-with-logits", () -> BceWithLogitsLoss.mean(l2, targets), List.of(l2.requiresGrad(true)));
        float[] lz = l2.toFloatArray(), tz = targets.toFloatArray();
        double bce = 0;
        for (int i = 0; i < 6; i++) {
            double p = 1 / (1 + Math.exp(-lz[i]));
            bce -= tz[i] * Math.log(p) + (1 - tz[i]) * Math.log(1 - p);
        }
        assertEquals(bce / 6, BceWithLogitsLoss.mean(l2, targets).item(), 1e-5);
        assertEquals(BceWithLogitsLoss.mean(l2, 1f).item(), BceLoss.mean(l2.sigmoid(), 1f).item(), 1e-5);
        gradCheck("bce", () -> BceLoss.mean(l2.sigmoid(), targets), List.of(l2));
        Tensor a = randn(3, 2), b = randn(3, 2);
        gradCheck("mse", () -> MseLoss.mean(a, b), List.of(a.requiresGrad(true), b.requiresGrad(true)));
    }

    @Test
    void initialisersHaveTheirSpread() {
        Tensor w = device().zeros(200, 300);
        Init.xavierUniform(w);
        double var = w.square().mean().item();
        assertEquals(2.0 / 500, var, 2.0 / 500 * 0.05);
        Init.heNormal(w);
        assertEquals(2.0 / 300, w.square().mean().item(), 2.0 / 300 * 0.05);
        Init.dcgan(w);
        assertEquals(0.0004, w.square().mean().item(), 0.0004 * 0.05);
    }

    private Tensor param(float... v) {
        return Scope.detached(() -> device().tensor(v, v.length).requiresGrad(true));
    }

    private void setGrad(Tensor p, float... g) {
        p.clearGrad();
        p.mul(device().tensor(g, g.length)).sum().backward();
    }

    @Test
    void optimizersFollowTheirFormulas() {
        Tensor p = param(1f, -1f);
        Optimizer sgd = new Sgd(List.of(p), 0.1f);
        setGrad(p, 0.5f, -2f);
        sgd.step();
        assertArrayEquals(new float[] {0.95f, -0.8f}, p.toFloatArray(), 1e-6f);

        Tensor q = param(1f);
        Momentum mom = new Momentum(List.of(q), 0.1f, 0.9f);
        setGrad(q, 1f);
        mom.step();
        setGrad(q, 1f);
        mom.step();
        assertEquals(1f - 0.1f - 0.1f * 1.9f, q.toFloatArray()[0], 1e-6f);

        Tensor r = param(1f);
        AdaGrad ada = new AdaGrad(List.of(r), 0.5f);
        setGrad(r, 2f);
        ada.step();
        assertEquals(1f - 0.5f, r.toFloatArray()[0], 1e-6f);

        // Adam minimises a quadratic.
        Tensor s = param(3f, -2f);
        Adam adam = new Adam(List.of(s), 0.1f);
        for (int i = 0; i < 300; i++) {
            try (Scope step = Scope.open()) {
                adam.zeroGrad();
                s.square().sum().backward();
                adam.step();
            }
        }
        for (float v : s.toFloatArray()) {
            assertEquals(0f, v, 0.05f);
        }
    }

    @Test
    void gradientClippingScalesToTheLimit() {
        Tensor p = param(0f, 0f);
        setGrad(p, 3f, 4f);
        float norm = GradClip.clipNorm(List.of(p), 1f).item();
        assertEquals(5f, norm, 1e-5f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, p.grad().toFloatArray(), 1e-6f);
        GradClip.clipNorm(List.of(p), 10f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, p.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void checkpointRoundTrip(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(new Linear(device(), 3, 4), Activation.relu(), BatchNorm.of1d(device(), 4));
        Adam adam = new Adam(model.parameters(), 0.01f);
        try (Scope step = Scope.open()) {
            model.forward(randn(5, 3)).square().sum().backward();
            adam.step();
        }
        Checkpoint.save(dir, "test", model, Map.of("hidden", 4), adam, 17, 1234, Map.of("note", "x"));
        Sequential copy = new Sequential(new Linear(device(), 3, 4), Activation.relu(), BatchNorm.of1d(device(), 4));
        Adam adam2 = new Adam(copy.parameters(), 0.01f);
        Checkpoint.Info info = Checkpoint.load(dir, copy, adam2);
        assertEquals(17, info.step());
        assertEquals(1234, info.seed());
        assertEquals(1, adam2.steps());
        assertEquals(4, ((Number) info.config().get("hidden")).intValue());
        model.stateDict().forEach((k, v) ->
                assertArrayEquals(v.toFloatArray(), copy.stateDict().get(k).toFloatArray(), k));
        adam.state().forEach((k, v) -> assertArrayEquals(v.toFloatArray(), adam2.state().get(k).toFloatArray(), k));
        assertTrue(Files.size(dir.resolve("model.safetensors")) > 0);
        Sequential other = new Sequential(new Linear(device(), 3, 4));
        ShenduException e = assertThrows(ShenduException.class, () -> Checkpoint.load(dir, other, null));
        assertTrue(e.getMessage().contains("unexpected [2.weight, 2.bias, 2.running_mean, 2.running_var]"), e.getMessage());
    }
}
