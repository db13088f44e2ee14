package org.shendu.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.UnaryOp;

/**
 * The op test suite every backend runs unchanged (subclass it and name the device): the forward of
 * each primitive against a naive float64 reference, and its backward against central differences
 * of that float64 reference, on broadcast, empty and single-element shapes.
 */
public abstract class OpSuite {
    protected abstract Device device();

    private Random random;
    private Scope scope;

    @BeforeEach
    void open() {
        random = new Random(42);
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    /** A float input: its values (already float-rounded) and shape. */
    protected record In(double[] values, int[] shape) {}

    protected In in(double lo, double hi, int... shape) {
        int n = Shape.of(shape).product(0, shape.length);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return new In(v, shape);
    }

    protected In randn(int... shape) {
        return in(-2, 2, shape);
    }

    private Tensor tensor(In in) {
        float[] f = new float[in.values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) in.values[i];
        }
        return device().tensor(f, in.shape).requiresGrad(true);
    }

    /**
     * Checks {@code op} against {@code ref}: forward values within {@code tol}, then the gradient of
     * {@code sum(w * op(x))} for a random w against central differences of the reference.
     */
    protected void check(String name, Function<Tensor[], Tensor> op, Function<double[][], double[]> ref,
                         double tol, In... ins) {
        Tensor[] ts = Arrays.stream(ins).map(this::tensor).toArray(Tensor[]::new);
        double[][] xs = Arrays.stream(ins).map(i -> i.values.clone()).toArray(double[][]::new);
        Tensor y = op.apply(ts);
        double[] expected = ref.apply(xs);
        float[] got = y.toFloatArray();
        assertEquals(expected.length, got.length, name + ": output size");
        for (int i = 0; i < got.length; i++) {
            assertClose(expected[i], got[i], tol, name + " forward [" + i + "]");
        }
        if (got.length == 0) {
            return;
        }
        double[] w = new double[got.length];
        float[] wf = new float[got.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) (random.nextDouble() * 2 - 1);
            w[i] = wf[i];
        }
        Tensor loss = y.mul(device().tensor(wf, y.dims())).sum();
        loss.backward();
        for (int k = 0; k < ins.length; k++) {
            float[] g = ts[k].grad() == null ? new float[xs[k].length] : ts[k].grad().toFloatArray();
            for (int i = 0; i < xs[k].length; i++) {
                double keep = xs[k][i], h = 1e-5 * Math.max(1, Math.abs(keep));
                xs[k][i] = keep + h;
                double up = dot(w, ref.apply(copy(xs)));
                xs[k][i] = keep - h;
                double down = dot(w, ref.apply(copy(xs)));
                xs[k][i] = keep;
                assertClose((up - down) / (2 * h), g[i], tol * 10, name + " gradient of input " + k + " [" + i + "]");
            }
        }
    }

    private static double[][] copy(double[][] xs) {
        return Arrays.stream(xs).map(double[]::clone).toArray(double[][]::new);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    protected static void assertClose(double expected, double actual, double tol, String what) {
        double err = Math.abs(expected - actual);
        assertTrue(err <= tol * (1 + Math.abs(expected)) || (Double.isNaN(expected) && Double.isNaN(actual)),
                what + ": expected " + expected + ", got " + actual);
    }

    // ---- reference helpers -------------------------------------------------------------------

    /** Index of {@code out}'s element in an operand of shape {@code s} broadcast to {@code out}. */
    static int broadcastIndex(int flat, int[] out, int[] s) {
        int r = out.length, idx = 0, stride = 1;
        int[] p = Shape.of(s).padTo(r);
        for (int i = r - 1; i >= 0; i--) {
            int coord = flat % out[i];
            flat /= out[i];
            if (p[i] != 1) {
                idx += coord * stride;
            }
            stride *= p[i];
        }
        return idx;
    }

    // ---- elementwise ---------------------------------------------------------------------------

    @Test
    void unaryOps() {
        for (UnaryOp op : UnaryOp.values()) {
            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW
                    || op == UnaryOp.RECIPROCAL;
            float alpha = switch (op) {
                case LEAKY_RELU -> 0.2f;
                case SCALE -> -1.5f;
                case ADD_SCALAR -> 0.75f;
                case POW -> 2.5f;
                case MAX_SCALAR -> 0.3f;
                default -> 0f;
            };
            for (int[] shape : new int[][] {{3, 4}, {1}, {0}, {2, 1, 3}}) {
                In x = positive ? in(0.5, 2, shape) : randn(shape);
                check(op.name(), t -> Ops.unary(op, alpha, t[0]), r -> {
                    double[] y = new double[r[0].length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = op.apply(r[0][i], alpha);
                    }
                    return y;
                }, 1e-4, x);
            }
        }
    }

    @Test
    void binaryOpsBroadcast() {
        int[][][] pairs = {
            {{3, 4}, {3, 4}}, {{2, 3, 4}, {3, 1}}, {{4}, {2, 3, 4}}, {{1}, {3}}, {{2, 1, 4}, {1, 3, 1}},
            {{0, 3}, {3}}, {{1}, {1}}, {{2, 3, 2, 2}, {1, 3, 1, 1}}, {{3, 4, 5, 6}, {1, 4, 1, 6}}, {{1, 4, 1, 6}, {3, 4, 5, 6}}
        };
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX}) {
            for (int[][] p : pairs) {
                In a = randn(p[0]);
                In b = op == BinaryOp.DIV ? in(0.5, 2, p[1]) : randn(p[1]);
                int[] out = Shape.broadcast(Shape.of(p[0]), Shape.of(p[1])).dims();
                check(op + " " + Arrays.toString(p[0]) + Arrays.toString(p[1]), t -> Ops.binary(op, t[0], t[1]), r -> {
                    int n = Shape.of(out).product(0, out.length);
                    double[] y = new double[n];
                    for (int i = 0; i < n; i++) {
                        y[i] = op.apply(r[0][broadcastIndex(i, out, p[0])], r[1][broadcastIndex(i, out, p[1])]);
                    }
                    return y;
                }, 1e-4, a, b);
            }
        }
    }

    @Test
    void sumsAndMeans() {
        In x = randn(2, 3, 4);
        check("sum all", t -> t[0].sum(), r -> new double[] {Arrays.stream(r[0]).sum()}, 1e-4, x);
        check("mean all", t -> t[0].mean(), r -> new double[] {Arrays.stream(r[0]).average().orElse(0)}, 1e-4, x);
        check("sum axis 1", t -> t[0].sum(false, 1), r -> {
            double[] y = new double[8];
            for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) y[a * 4 + c] += r[0][(a * 3 + b) * 4 + c];
            return y;
        }, 1e-4, x);
        check("sum axes 0,2 keep", t -> t[0].sum(true, 0, 2), r -> {
            double[] y = new double[3];
            for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) y[b] += r[0][(a * 3 + b) * 4 + c];
            return y;
        }, 1e-4, x);
        check("sum of empty", t -> t[0].sum(), r -> new double[] {0}, 1e-6, randn(0, 2));
        check("expand", t -> Ops.expand(t[0], new int[] {2, 3}), r -> new double[] {r[0][0], r[0][1], r[0][2], r[0][0], r[0][1], r[0][2]},
                1e-6, randn(1, 3));
    }

    // ---- matmul ------------------------------------------------------------------------------

    private static double[] refMatmul(double[] a, double[] b, int batch, int m, int n, int k, boolean ta, boolean tb,
                                      boolean sharedB) {
        double[] c = new double[batch * m * n];
        for (int q = 0; q < batch; q++) {
            int ao = q * m * k, bo = sharedB ? 0 : q * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (ta ? a[ao + p * m + i] : a[ao + i * k + p]) * (tb ? b[bo + j * k + p] : b[bo + p * n + j]);
                    }
                    c[q * m * n + i * n + j] = s;
                }
            }
        }
        return c;
    }

    @Test
    void matmulAllTransposes() {
        int m = 3, n = 5, k = 4;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                In a = randn(ta ? new int[] {k, m} : new int[] {m, k});
                In b = randn(tb ? new int[] {n, k} : new int[] {k, n});
                check("matmul " + ta + " " + tb, t -> t[0].matmul(t[1], ta, tb),
                        r -> refMatmul(r[0], r[1], 1, m, n, k, ta, tb, false), 1e-4, a, b);
            }
        }
        check("matmul batched", t -> t[0].matmul(t[1], false, true),
                r -> refMatmul(r[0], r[1], 2, 3, 4, 5, false, true, false), 1e-4, randn(2, 3, 5), randn(2, 4, 5));
        check("matmul 3-D by 2-D", t -> t[0].matmul(t[1]),
                r -> refMatmul(r[0], r[1], 2, 3, 4, 5, false, false, true), 1e-4, randn(2, 3, 5), randn(5, 4));
        check("matmul 1x1", t -> t[0].matmul(t[1]), r -> new double[] {r[0][0] * r[1][0]}, 1e-5, randn(1, 1), randn(1, 1));
        check("matmul k=0", t -> t[0].matmul(t[1]), r -> new double[6], 1e-6, randn(2, 0), randn(0, 3));
    }

    // ---- movement ----------------------------------------------------------------------------

    @Test
    void movement() {
        check("reshape", t -> t[0].reshape(4, -1), r -> r[0].clone(), 1e-6, randn(2, 3, 2));
        check("transpose", t -> t[0].transpose(0, 1), r -> {
            double[] y = new double[6];
            for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) y[j * 2 + i] = r[0][i * 3 + j];
            return y;
        }, 1e-6, randn(2, 3));
        check("permute 3-D", t -> t[0].permute(2, 0, 1), r -> {
            double[] y = new double[24];
            for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 4; c++) y[(c * 2 + a) * 3 + b] = r[0][(a * 3 + b) * 4 + c];
            return y;
        }, 1e-6, randn(2, 3, 4));
        check("narrow", t -> t[0].narrow(1, 1, 2), r -> {
            double[] y = new double[8];
            for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 2; c++) y[(a * 2 + b) * 2 + c] = r[0][(a * 4 + b + 1) * 2 + c];
            return y;
        }, 1e-6, randn(2, 4, 2));
        check("concat", t -> Tensor.concat(1, t[0], t[1]), r -> {
            double[] y = new double[10];
            for (int a = 0; a < 2; a++) {
                for (int j = 0; j < 2; j++) y[a * 5 + j] = r[0][a * 2 + j];
                for (int j = 0; j < 3; j++) y[a * 5 + 2 + j] = r[1][a * 3 + j];
            }
            return y;
        }, 1e-6, randn(2, 2), randn(2, 3));
    }

    // ---- softmax and indexing ------------------------------------------------------------------

    @Test
    void softmaxes() {
        for (boolean log : new boolean[] {false, true}) {
            for (int[] shape : new int[][] {{3, 5}, {1, 1}, {2, 2, 3}}) {
                check((log ? "log_" : "") + "softmax", t -> Ops.softmax(t[0], log), r -> {
                    int cols = shape[shape.length - 1];
                    double[] y = new double[r[0].length];
                    for (int o = 0; o < y.length; o += cols) {
                        double max = Double.NEGATIVE_INFINITY, s = 0;
                        for (int j = 0; j < cols; j++) max = Math.max(max, r[0][o + j]);
                        for (int j = 0; j < cols; j++) s += Math.exp(r[0][o + j] - max);
                        for (int j = 0; j < cols; j++) {
                            y[o + j] = log ? r[0][o + j] - max - Math.log(s) : Math.exp(r[0][o + j] - max) / s;
                        }
                    }
                    return y;
                }, 1e-4, randn(shape));
            }
        }
    }

    @Test
    void pickWithIgnoredIndex() {
        int[] ids = {2, -100, 0, 1};
        Tensor idt = device().ints(ids, 4);
        check("pick", t -> Ops.pick(t[0], idt, -100)[0], r -> {
            double[] y = new double[4];
            for (int i = 0; i < 4; i++) y[i] = ids[i] == -100 ? 0 : r[0][i * 3 + ids[i]];
            return y;
        }, 1e-6, randn(4, 3));
        Tensor valid = Ops.pick(device().zeros(4, 3), idt, -100)[1];
        assertArrayEquals(new float[] {1, 0, 1, 1}, valid.toFloatArray());
    }

    @Test
    void crossEntropyWithIgnoredIndex() {
        for (int[] shape : new int[][] {{4, 3}, {5, 37}, {1, 1}}) {
            int rows = shape[0], cols = shape[1];
            int[] ids = new int[rows];
            for (int i = 0; i < rows; i++) {
                ids[i] = i == 1 ? -100 : (7 * i + 2) % cols;
            }
            Tensor idt = device().ints(ids, rows);
            check("cross_entropy", t -> Ops.crossEntropy(t[0], idt, -100)[0], r -> {
                double[] y = new double[rows];
                for (int i = 0; i < rows; i++) {
                    if (ids[i] == -100) continue;
                    double max = Double.NEGATIVE_INFINITY, s = 0;
                    for (int j = 0; j < cols; j++) max = Math.max(max, r[0][i * cols + j]);
                    for (int j = 0; j < cols; j++) s += Math.exp(r[0][i * cols + j] - max);
                    y[i] = max + Math.log(s) - r[0][i * cols + ids[i]];
                }
                return y;
            }, 1e-4, in(-8, 8, shape));
            float[] valid = Ops.crossEntropy(device().zeros(rows, cols), idt, -100)[1].toFloatArray();
            for (int i = 0; i < rows; i++) {
                assertEquals(ids[i] == -100 ? 0f : 1f, valid[i], "valid[" + i + "]");
            }
        }
    }

    @Test
    void batchNormThroughTheBatchStatistics() {
        for (int[] shape : new int[][] {{3, 4, 5}, {5, 2}, {2, 3, 2, 3}, {1, 2, 1}, {2, 3, 37}}) {
            int outer = shape[0], channels = shape[1], inner = Shape.of(shape).product(2, shape.length);
            float eps = 1e-3f;
            check("batch_norm", t -> Ops.batchNorm(t[0], t[1], t[2], eps)[0], r -> {
                double[] y = new double[r[0].length];
                for (int c = 0; c < channels; c++) {
                    double m = 0, v = 0;
                    for (int o = 0; o < outer; o++) for (int i = 0; i < inner; i++) m += r[0][(o * channels + c) * inner + i];
                    m /= outer * inner;
                    for (int o = 0; o < outer; o++) for (int i = 0; i < inner; i++) v += Math.pow(r[0][(o * channels + c) * inner + i] - m, 2);
                    v /= outer * inner;
                    for (int o = 0; o < outer; o++) {
                        for (int i = 0; i < inner; i++) {
                            int at = (o * channels + c) * inner + i;
                            y[at] = (r[0][at] - m) / Math.sqrt(v + eps) * r[1][c] + r[2][c];
                        }
                    }
                }
                return y;
            }, 2e-4, in(-3, 5, shape), in(0.5, 2, channels), randn(channels));
        }
        Tensor[] stats = Ops.batchNorm(device().tensor(new float[] {1, 10, 3, 20}, 2, 2), device().full(1f, 2),
                device().zeros(2), 1e-5f);
        assertArrayEquals(new float[] {2, 15}, stats[1].toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1, 25}, stats[2].toFloatArray(), 1e-5f);
    }

    @Test
    void gatherRowsRepeatedIds() {
        int[] ids = {1, 3, 1, 0, 1, 2};
        Tensor idt = device().ints(ids, 2, 3);
        check("gather_rows", t -> Ops.gatherRows(t[0], idt), r -> {
            double[] y = new double[12];
            for (int i = 0; i < 6; i++) for (int j = 0; j < 2; j++) y[i * 2 + j] = r[0][ids[i] * 2 + j];
            return y;
        }, 1e-6, randn(4, 2));
    }

    // ---- convolution and pooling -----------------------------------------------------------------

    static double[] refConv(double[] x, double[] w, int N, int C, int H, int W, int O, int k, int s, int p) {
        int oh = (H + 2 * p - k) / s + 1, ow = (W + 2 * p - k) / s + 1;
        double[] y = new double[N * O * oh * ow];
        for (int n = 0; n < N; n++) for (int o = 0; o < O; o++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
            double acc = 0;
            for (int c = 0; c < C; c++) for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
                int iy = i * s - p + a, ix = j * s - p + b;
                if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
                    acc += x[((n * C + c) * H + iy) * W + ix] * w[((o * C + c) * k + a) * k + b];
                }
            }
            y[((n * O + o) * oh + i) * ow + j] = acc;
        }
        return y;
    }

    static double[] refConvTranspose(double[] x, double[] w, int N, int Cin, int H, int W, int Cout, int k, int s, int p) {
        int oh = (H - 1) * s - 2 * p + k, ow = (W - 1) * s - 2 * p + k;
        double[] y = new double[N * Cout * oh * ow];
        for (int n = 0; n < N; n++) for (int ci = 0; ci < Cin; ci++) for (int i = 0; i < H; i++) for (int j = 0; j < W; j++) {
            double v = x[((n * Cin + ci) * H + i) * W + j];
            for (int co = 0; co < Cout; co++) for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) {
                int oy = i * s - p + a, ox = j * s - p + b;
                if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                    y[((n * Cout + co) * oh + oy) * ow + ox] += v * w[((ci * Cout + co) * k + a) * k + b];
                }
            }
        }
        return y;
    }

    @Test
    void convolutions() {
        int[][] cases = {{2, 3, 5, 5, 4, 3, 1, 1}, {2, 2, 6, 6, 3, 4, 2, 1}, {1, 1, 4, 4, 1, 1, 1, 0}, {1, 2, 5, 4, 2, 3, 2, 0}};
        for (int[] c : cases) {
            int N = c[0], C = c[1], H = c[2], W = c[3], O = c[4], k = c[5], s = c[6], p = c[7];
            check("conv2d " + Arrays.toString(c), t -> Ops.conv2d(t[0], t[1], s, p),
                    r -> refConv(r[0], r[1], N, C, H, W, O, k, s, p), 1e-4, randn(N, C, H, W), randn(O, C, k, k));
            check("conv_transpose2d " + Arrays.toString(c), t -> Ops.convTranspose2d(t[0], t[1], s, p),
                    r -> refConvTranspose(r[0], r[1], N, C, H, W, O, k, s, p), 1e-4, randn(N, C, H, W), randn(C, O, k, k));
        }
    }

    @Test
    void maxPool() {
        for (int[] c : new int[][] {{2, 3, 4, 4, 2, 2}, {1, 2, 5, 5, 3, 2}, {1, 1, 1, 1, 1, 1}}) {
            int N = c[0], C = c[1], H = c[2], W = c[3], k = c[4], s = c[5];
            int oh = (H - k) / s + 1, ow = (W - k) / s + 1;
            check("max_pool2d " + Arrays.toString(c), t -> Ops.maxPool2d(t[0], k, s), r -> {
                double[] y = new double[N * C * oh * ow];
                for (int pl = 0; pl < N * C; pl++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) m = Math.max(m, r[0][(pl * H + i * s + a) * W + j * s + b]);
                    y[(pl * oh + i) * ow + j] = m;
                }
                return y;
            }, 1e-6, randn(N, C, H, W));
        }
    }

    // ---- LSTM ---------------------------------------------------------------------------------------

    /** A float64 LSTM layer: outputs y, then hT, then cT, concatenated. */
    static double[] refLstm(double[][] r, int T, int B, int I, int H, int[] lengths) {
        double[] x = r[0], wIh = r[1], wHh = r[2], bIh = r[3], bHh = r[4];
        double[] h = r[5].clone(), c = r[6].clone();
        double[] y = new double[T * B * H];
        for (int t = 0; t < T; t++) {
            double[] hn = h.clone(), cn = c.clone();
            for (int b = 0; b < B; b++) {
                if (lengths != null && t >= lengths[b]) {
                    continue;
                }
                for (int j = 0; j < H; j++) {
                    double[] gate = new double[4];
                    for (int q = 0; q < 4; q++) {
                        int row = q * H + j;
                        double s = bIh[row] + bHh[row];
                        for (int i = 0; i < I; i++) s += wIh[row * I + i] * x[(t * B + b) * I + i];
                        for (int i = 0; i < H; i++) s += wHh[row * H + i] * h[b * H + i];
                        gate[q] = s;
                    }
                    double ig = 1 / (1 + Math.exp(-gate[0])), fg = 1 / (1 + Math.exp(-gate[1]));
                    double gg = Math.tanh(gate[2]), og = 1 / (1 + Math.exp(-gate[3]));
                    cn[b * H + j] = fg * c[b * H + j] + ig * gg;
                    hn[b * H + j] = og * Math.tanh(cn[b * H + j]);
                    y[(t * B + b) * H + j] = hn[b * H + j];
                }
            }
            h = hn;
            c = cn;
        }
        double[] all = new double[y.length + 2 * B * H];
        System.arraycopy(y, 0, all, 0, y.length);
        System.arraycopy(h, 0, all, y.length, B * H);
        System.arraycopy(c, 0, all, y.length + B * H, B * H);
        return all;
    }

    @Test
    void lstmWithAndWithoutLengths() {
        int T = 4, B = 3, I = 2, H = 3;
        for (int[] lengths : new int[][] {null, {4, 2, 1}}) {
            check("lstm " + Arrays.toString(lengths), t -> {
                Tensor[] o = Ops.lstm(t[0], t[1], t[2], t[3], t[4], t[5], t[6], lengths);
                return Tensor.concat(0, o[0].reshape(-1), o[1].reshape(-1), o[2].reshape(-1));
            }, r -> refLstm(r, T, B, I, H, lengths), 1e-4,
                    randn(T, B, I), randn(4 * H, I), randn(4 * H, H), randn(4 * H), randn(4 * H), randn(B, H), randn(B, H));
        }
    }

    // ---- fused optimizer step -------------------------------------------------------------------------

    @Test
    void adamStepMatchesFormula() {
        float[] p = {1f, -2f, 0.5f}, g = {0.1f, -0.3f, 2f}, m = {0.01f, 0f, -0.2f}, v = {0.001f, 0.2f, 0.1f};
        Tensor tp = device().tensor(p, 3), tg = device().tensor(g, 3), tm = device().tensor(m, 3), tv = device().tensor(v, 3);
        device().backend().adamStep(tp.storage(), tg.storage(), tm.storage(), tv.storage(), 0.01f, 0.9f, 0.999f, 1e-8f, 3);
        float[] got = tp.toFloatArray();
        for (int i = 0; i < 3; i++) {
            double mi = 0.9 * m[i] + 0.1 * g[i], vi = 0.999 * v[i] + 0.001 * g[i] * g[i];
            double mh = mi / (1 - Math.pow(0.9, 3)), vh = vi / (1 - Math.pow(0.999, 3));
            assertClose(p[i] - 0.01 * mh / (Math.sqrt(vh) + 1e-8), got[i], 1e-5, "adam p[" + i + "]");
        }
    }

    // ---- random -----------------------------------------------------------------------------------------

    @Test
    void randomFillsHaveTheirMoments() {
        Tensor u = device().uniform(-1f, 3f, 20000);
        Tensor n = device().normal(2f, 0.5f, 20000);
        Tensor d = Ops.dropoutMask(device(), 0.25f, 20000);
        assertClose(1.0, u.mean().item(), 0.03, "uniform mean");
        assertClose(2.0, n.mean().item(), 0.02, "normal mean");
        assertClose(0.25, n.sub(device().scalar(2f)).square().mean().item(), 0.05, "normal variance");
        assertClose(1.0, d.mean().item(), 0.03, "dropout mask keeps the expectation");
    }

    // ---- selection, comparison and pooling ------------------------------------------------------

    /** Values spaced 0.137 apart in a random order: a max never changes winner under a small step. */
    protected In distinct(int... shape) {
        int n = Shape.of(shape).product(0, shape.length);
        java.util.List<Double> v = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add((double) (float) ((i - n / 2) * 0.137));
        }
        java.util.Collections.shuffle(v, random);
        return new In(v.stream().mapToDouble(Double::doubleValue).toArray(), shape);
    }

    /** Column ids of each row's k largest, largest first, ties lower index first, NaN on top. */
    static int[] refTopkIds(double[] x, int rows, int cols, int k) {
        int[] ids = new int[rows * k];
        for (int r = 0; r < rows; r++) {
            final int row = r;
            Integer[] order = new Integer[cols];
            for (int j = 0; j < cols; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> {
                double va = x[row * cols + a], vb = x[row * cols + b];
                boolean na = Double.isNaN(va), nb = Double.isNaN(vb);
                if (na != nb) {
                    return na ? -1 : 1;
                }
                int c = na || va == vb ? 0 : va > vb ? -1 : 1;
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int j = 0; j < k; j++) {
                ids[r * k + j] = order[j];
            }
        }
        return ids;
    }

    @Test
    void topkAndMaxAlongAxes() {
        In x = distinct(3, 7);
        for (int k : new int[] {1, 3, 7}) {
            int[] want = refTopkIds(x.values(), 3, 7, k);
            check("topk " + k, t -> t[0].topk(k)[0], r -> {
                int[] ids = refTopkIds(r[0], 3, 7, k);
                double[] y = new double[ids.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = r[0][(i / k) * 7 + ids[i]];
                }
                return y;
            }, 1e-6, x);
            assertArrayEquals(want, tensorOf(x).topk(k)[1].toIntArray(), "topk " + k + " ids");
        }
        In y = distinct(2, 3, 4);
        int[] dims = {2, 3, 4};
        for (int axis = 0; axis < 3; axis++) {
            final int ax = axis;
            Function<double[], double[][]> ref = v -> {
                int outer = 1, inner = 1;
                for (int i = 0; i < ax; i++) outer *= dims[i];
                for (int i = ax + 1; i < 3; i++) inner *= dims[i];
                double[] best = new double[outer * inner];
                double[] arg = new double[outer * inner];
                for (int o = 0; o < outer; o++) {
                    for (int in = 0; in < inner; in++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < dims[ax]; a++) {
                            double e = v[(o * dims[ax] + a) * inner + in];
                            if (e > m) {
                                m = e;
                                arg[o * inner + in] = a;
                            }
                        }
                        best[o * inner + in] = m;
                    }
                }
                return new double[][] {best, arg};
            };
            check("max axis " + ax, t -> t[0].max(ax), r -> ref.apply(r[0])[0], 1e-6, y);
            int[] ids = tensorOf(y).argmax(ax).toIntArray();
            double[] want = ref.apply(y.values())[1];
            for (int i = 0; i < ids.length; i++) {
                assertEquals((int) want[i], ids[i], "argmax axis " + ax + " [" + i + "]");
            }
        }
        float nan = Float.NaN, inf = Float.POSITIVE_INFINITY;
        Tensor special = device().tensor(new float[] {2, 5, 5, 1, 1, nan, 3, -inf, -inf, -inf, -inf, -inf}, 3, 4);
        assertArrayEquals(new int[] {1, 1, 0}, special.argmax(1).toIntArray(), "first maximum; NaN on top; all -inf");
        assertArrayEquals(refTopkIds(new double[] {2, 5, 5, 1, 1, Double.NaN, 3, -inf, -inf, -inf, -inf, -inf}, 3, 4, 4),
                special.topk(4)[1].toIntArray(), "topk order with ties, NaN and -inf");
    }

    private Tensor tensorOf(In in) {
        float[] f = new float[in.values().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) in.values()[i];
        }
        return device().tensor(f, in.shape());
    }

    @Test
    void comparisonsAndWhere() {
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        float[] av = {1, 2, -inf, inf, nan, 0, -0f, 3};
        float[] bv = {1, 3, -inf, 5, nan, -0f, 0, 2};
        Tensor a = device().tensor(av, 2, 4), b = device().tensor(bv, 2, 4);
        float[] gt = a.gt(b).toFloatArray(), eq = a.eq(b).toFloatArray();
        for (int i = 0; i < 8; i++) {
            assertEquals(av[i] > bv[i] ? 1f : 0f, gt[i], "gt [" + i + "]");
            assertEquals(av[i] == bv[i] ? 1f : 0f, eq[i], "eq [" + i + "]");
        }
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 1}, a.gt(1.5f).toFloatArray());
        // Row 1 of b is {NaN, -0, 0, 2}: NaN equals nothing, -0 equals 0.
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 1, 0}, a.eq(b.narrow(0, 1, 1)).toFloatArray());
        // where keeps infinities exact where cond a + (1 - cond) b would make NaN.
        Tensor cond = device().tensor(new float[] {1, 0, 0, 1, 1, 0, 0, 1}, 2, 4);
        float[] w = Tensor.where(cond, a, device().full(-inf, 1)).toFloatArray();
        for (int i = 0; i < 8; i++) {
            float want = i % 4 == 0 || i % 4 == 3 ? av[i] : -inf;
            assertEquals(want, w[i], "where [" + i + "]");
        }
        // NaN in cond counts as true, and a signed zero keeps its sign either way
        float[] picked = Tensor.where(device().tensor(new float[] {nan, 0f}, 2), device().tensor(new float[] {-0f, 1f}, 2),
                device().tensor(new float[] {5f, -0f}, 2)).toFloatArray();
        assertEquals(-0f, picked[0], "NaN condition");
        assertEquals(-0f, picked[1], "false condition");
        In x = randn(3, 4), y = randn(4);
        float[] c = {1, 0, 1};
        int[] out = {3, 4};
        check("where broadcast", t -> Ops.where(device().tensor(c, 3, 1), t[0], t[1]), r -> {
            double[] z = new double[12];
            for (int i = 0; i < 12; i++) {
                z[i] = c[i / 4] != 0 ? r[0][i] : r[1][i % 4];
            }
            return z;
        }, 1e-6, x, y);
    }

    @Test
    void poolingOverTimeIgnoresPadding() {
        int B = 3, T = 4, D = 2;
        int[] lengths = {4, 2, 1};
        for (boolean batchFirst : new boolean[] {true, false}) {
            int[] shape = batchFirst ? new int[] {B, T, D} : new int[] {T, B, D};
            Function<int[], Integer> at = btd -> batchFirst ? (btd[0] * T + btd[1]) * D + btd[2]
                    : (btd[1] * B + btd[0]) * D + btd[2];
            for (boolean max : new boolean[] {true, false}) {
                check((max ? "max" : "mean") + " pooling" + (batchFirst ? " batch-first" : ""), t -> max
                        ? org.shendu.core.nn.SequencePooling.max(t[0], lengths, batchFirst)
                        : org.shendu.core.nn.SequencePooling.mean(t[0], lengths, batchFirst), r -> {
                    double[] z = new double[B * D];
                    for (int b = 0; b < B; b++) {
                        for (int d = 0; d < D; d++) {
                            double acc = max ? Double.NEGATIVE_INFINITY : 0;
                            for (int s = 0; s < lengths[b]; s++) {
                                double v = r[0][at.apply(new int[] {b, s, d})];
                                acc = max ? Math.max(acc, v) : acc + v / lengths[b];
                            }
                            z[b * D + d] = acc;
                        }
                    }
                    return z;
                }, 1e-5, distinct(shape));
            }
        }
    }
}
