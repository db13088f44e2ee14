package org.shendu.backend.cpu;

import static org.shendu.backend.cpu.CpuStorage.f;
import static org.shendu.backend.cpu.CpuStorage.ints;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.shendu.core.DType;
import org.shendu.core.spi.AxisLayout;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.LstmGeometry;
import org.shendu.core.spi.Storage;
import org.shendu.core.spi.UnaryOp;

/**
 * The CPU backend: tensors are Java float arrays; matrix products go to OpenBLAS ({@link Sgemm});
 * everything else is loops, the element-wise ones in {@link Kernels} (on the vector API when Java
 * has the module), threaded by {@link Parallel} where a loop is big enough to pay for it.
 * Convolution ({@link CpuConvolution}), the LSTM ({@link CpuLstm}), the softmax cross-entropy and
 * Adam are fused.
 */
public final class CpuBackend implements Backend {
    final Parallel parallel;
    private final CpuConvolution conv;
    private final CpuLstm lstm;

    public CpuBackend(int threads) {
        this.parallel = new Parallel(threads);
        Sgemm.setThreads(threads);
        this.conv = new CpuConvolution(this);
        this.lstm = new CpuLstm(this);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String describe() {
        return "Java " + System.getProperty("java.version") + ", " + parallel.threads() + " threads, "
                + Sgemm.describe() + ", " + conv.describe() + ", element-wise on " + Kernels.implementation();
    }

    @Override
    public void setThreads(int threads) {
        parallel.setThreads(threads);
        Sgemm.setThreads(threads);
    }

    // ---- memory -----------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, long length) {
        int n = Math.toIntExact(length);
        return dtype == DType.FLOAT32 ? new CpuStorage(new float[n]) : new CpuStorage(new int[n]);
    }

    @Override
    public Storage upload(float[] data) {
        return new CpuStorage(data.clone());
    }

    @Override
    public Storage upload(int[] data) {
        return new CpuStorage(data.clone());
    }

    @Override
    public float[] download(Storage storage) {
        return f(storage).clone();
    }

    @Override
    public int[] downloadInts(Storage storage) {
        return ints(storage).clone();
    }

    @Override
    public void fill(Storage storage, float value) {
        Arrays.fill(f(storage), value);
    }

    @Override
    public void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long length) {
        if (src.dtype() == DType.INT32) {
            System.arraycopy(ints(src), (int) srcOffset, ints(dst), (int) dstOffset, (int) length);
        } else {
            System.arraycopy(f(src), (int) srcOffset, f(dst), (int) dstOffset, (int) length);
        }
    }

    // ---- elementwise ------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float alpha, Storage xs, Storage ys) {
        float[] x = f(xs), y = f(ys);
        parallel.forRange(x.length, 8, (from, to) -> unaryRange(op, alpha, x, y, from, to));
    }

    private static void unaryRange(UnaryOp op, float alpha, float[] x, float[] y, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) y[i] = -x[i]; }
            case EXP -> Kernels.exp(x, y, from, to);
            case LOG -> { for (int i = from; i < to; i++) y[i] = (float) Math.log(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) y[i] = (float) Math.sqrt(x[i]); }
            case TANH -> Kernels.tanh(x, y, from, to);
            case SIGMOID -> Kernels.sigmoid(x, y, from, to);
            case RELU -> Kernels.relu(x, y, from, to);
            case LEAKY_RELU -> Kernels.leakyRelu(x, alpha, y, from, to);
            case ABS -> { for (int i = from; i < to; i++) y[i] = Math.abs(x[i]); }
            case SQUARE -> { for (int i = from; i < to; i++) y[i] = x[i] * x[i]; }
            case RECIPROCAL -> { for (int i = from; i < to; i++) y[i] = 1f / x[i]; }
            case SCALE -> { for (int i = from; i < to; i++) y[i] = alpha * x[i]; }
            case ADD_SCALAR -> { for (int i = from; i < to; i++) y[i] = x[i] + alpha; }
            case POW -> { for (int i = from; i < to; i++) y[i] = (float) Math.pow(x[i], alpha); }
            case MAX_SCALAR -> { for (int i = from; i < to; i++) y[i] = Math.max(x[i], alpha); }
            case SOFTPLUS -> {
                for (int i = from; i < to; i++) {
                    float v = x[i];
                    y[i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
                }
            }
        }
    }

    @Override
    public void unaryBackward(UnaryOp op, float alpha, Storage xs, Storage ys, Storage gys, Storage gxs) {
        float[] x = f(xs), y = f(ys), gy = f(gys), gx = f(gxs);
        parallel.forRange(x.length, 4, (from, to) -> {
            switch (op) {
                case NEG -> { for (int i = from; i < to; i++) gx[i] = -gy[i]; }
                case EXP -> { for (int i = from; i < to; i++) gx[i] = gy[i] * y[i]; }
                case LOG -> { for (int i = from; i < to; i++) gx[i] = gy[i] / x[i]; }
                case SQRT -> { for (int i = from; i < to; i++) gx[i] = gy[i] * 0.5f / y[i]; }
                case TANH -> Kernels.tanhBackward(y, gy, gx, from, to);
                case SIGMOID -> Kernels.sigmoidBackward(y, gy, gx, from, to);
                case RELU -> Kernels.reluBackward(x, gy, gx, from, to);
                case LEAKY_RELU -> Kernels.leakyReluBackward(x, gy, alpha, gx, from, to);
                case ABS -> { for (int i = from; i < to; i++) gx[i] = x[i] > 0 ? gy[i] : x[i] < 0 ? -gy[i] : 0f; }
                case SQUARE -> { for (int i = from; i < to; i++) gx[i] = 2 * x[i] * gy[i]; }
                case RECIPROCAL -> { for (int i = from; i < to; i++) gx[i] = -gy[i] * y[i] * y[i]; }
                case SCALE -> { for (int i = from; i < to; i++) gx[i] = alpha * gy[i]; }
                case ADD_SCALAR -> System.arraycopy(gy, from, gx, from, to - from);
                case POW -> { for (int i = from; i < to; i++) gx[i] = gy[i] * alpha * (float) Math.pow(x[i], alpha - 1); }
                case MAX_SCALAR -> { for (int i = from; i < to; i++) gx[i] = x[i] > alpha ? gy[i] : 0f; }
                case SOFTPLUS -> { for (int i = from; i < to; i++) gx[i] = gy[i] * Kernels.sigmoid(x[i]); }
            }
        });
    }

    @Override
    public void where(Storage conds, int[] condShape, Storage as, int[] aShape, Storage bs, int[] bShape, Storage outs,
                      int[] outShape) {
        float[] c = f(conds), a = f(as), b = f(bs), o = f(outs);
        if (o.length == 0) {
            return;
        }
        int r = outShape.length, inner = outShape[r - 1], outer = o.length / inner;
        int sc = condShape[r - 1] == 1 ? 0 : 1, sa = aShape[r - 1] == 1 ? 0 : 1, sb = bShape[r - 1] == 1 ? 0 : 1;
        int[] strideC = AxisLayout.broadcastStrides(condShape), strideA = AxisLayout.broadcastStrides(aShape),
                strideB = AxisLayout.broadcastStrides(bShape);
        parallel.forRange(outer, inner, (from, to) -> {
            for (int row = from; row < to; row++) {
                int offC = 0, offA = 0, offB = 0;
                for (int i = r - 2, rem = row; i >= 0; i--) {
                    int idx = rem % outShape[i];
                    rem /= outShape[i];
                    offC += idx * strideC[i];
                    offA += idx * strideA[i];
                    offB += idx * strideB[i];
                }
                for (int j = 0, base = row * inner; j < inner; j++) {
                    o[base + j] = c[offC + j * sc] != 0 ? a[offA + j * sa] : b[offB + j * sb]; // NaN != 0 holds
                }
            }
        });
    }

    @Override
    public void binary(BinaryOp op, Storage as, int[] aShape, Storage bs, int[] bShape, Storage cs, int[] cShape) {
        float[] a = f(as), b = f(bs), c = f(cs);
        if (c.length == 0) {
            return;
        }
        int[][] co = AxisLayout.coalesce(aShape, bShape, cShape);
        int[] cd = co[0], ad = co[1], bd = co[2];
        int r = cd.length;
        int inner = cd[r - 1];
        int sa = ad[r - 1] == 1 ? 0 : 1, sb = bd[r - 1] == 1 ? 0 : 1;
        int outer = c.length / inner;
        int[] strideA = AxisLayout.broadcastStrides(ad), strideB = AxisLayout.broadcastStrides(bd);
        parallel.forRange(outer, inner, (from, to) -> {
            // The row's index over the outer axes, stepped like an odometer (no division per row:
            // batch-norm rows are a few dozen elements long).
            int[] idx = new int[r];
            int offA = 0, offB = 0;
            for (int i = r - 2, rem = from; i >= 0; i--) {
                idx[i] = rem % cd[i];
                rem /= cd[i];
                offA += idx[i] * strideA[i];
                offB += idx[i] * strideB[i];
            }
            for (int o = from; o < to; o++) {
                binaryRow(op, a, offA, sa, b, offB, sb, c, o * inner, inner);
                for (int i = r - 2; i >= 0; i--) {
                    offA += strideA[i];
                    offB += strideB[i];
                    if (++idx[i] < cd[i]) {
                        break;
                    }
                    idx[i] = 0;
                    offA -= strideA[i] * cd[i];
                    offB -= strideB[i] * cd[i];
                }
            }
        });
    }

    private static void binaryRow(BinaryOp op, float[] a, int ao, int sa, float[] b, int bo, int sb,
                                  float[] c, int co, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] + b[bo + j]; }
                case SUB -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] - b[bo + j]; }
                case MUL -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] * b[bo + j]; }
                case DIV -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] / b[bo + j]; }
                case MAX -> { for (int j = 0; j < n; j++) c[co + j] = Math.max(a[ao + j], b[bo + j]); }
                case GREATER -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] > b[bo + j] ? 1f : 0f; }
                case EQUAL -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] == b[bo + j] ? 1f : 0f; }
            }
        } else if (sa == 1) {
            float v = b[bo];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] + v; }
                case SUB -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] - v; }
                case MUL -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] * v; }
                case DIV -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] / v; }
                case MAX -> { for (int j = 0; j < n; j++) c[co + j] = Math.max(a[ao + j], v); }
                case GREATER -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] > v ? 1f : 0f; }
                case EQUAL -> { for (int j = 0; j < n; j++) c[co + j] = a[ao + j] == v ? 1f : 0f; }
            }
        } else if (sb == 1) {
            float v = a[ao];
            switch (op) {
                case ADD -> { for (int j = 0; j < n; j++) c[co + j] = v + b[bo + j]; }
                case SUB -> { for (int j = 0; j < n; j++) c[co + j] = v - b[bo + j]; }
                case MUL -> { for (int j = 0; j < n; j++) c[co + j] = v * b[bo + j]; }
                case DIV -> { for (int j = 0; j < n; j++) c[co + j] = v / b[bo + j]; }
                case MAX -> { for (int j = 0; j < n; j++) c[co + j] = Math.max(v, b[bo + j]); }
                case GREATER -> { for (int j = 0; j < n; j++) c[co + j] = v > b[bo + j] ? 1f : 0f; }
                case EQUAL -> { for (int j = 0; j < n; j++) c[co + j] = v == b[bo + j] ? 1f : 0f; }
            }
        } else {
            for (int j = 0; j < n; j++) {
                float x = a[ao + j * sa], y = b[bo + j * sb];
                c[co + j] = switch (op) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case MAX -> Math.max(x, y);
                    case GREATER -> x > y ? 1f : 0f;
                    case EQUAL -> x == y ? 1f : 0f;
                };
            }
        }
    }

    @Override
    public void sumTo(Storage xs, int[] xShape, Storage ys, int[] yShape) {
        float[] x = f(xs), y = f(ys);
        Arrays.fill(y, 0f);
        if (x.length == 0) {
            return;
        }
        int[][] co = AxisLayout.coalesce(yShape, yShape, xShape);
        int[] xd = co[0], yd = co[1];
        int r = xd.length;
        int inner = xd[r - 1];
        boolean innerReduced = yd[r - 1] == 1 && xd[r - 1] != 1;
        int outer = x.length / inner;
        int[] strideY = AxisLayout.broadcastStrides(yd);
        if (innerReduced) {
            // Row sums in parallel (vectorised), then each added to its output in row order.
            float[] rowSum = new float[outer];
            parallel.forRange(outer, inner, (from, to) -> {
                for (int o = from; o < to; o++) {
                    rowSum[o] = Kernels.sum(x, o * inner, inner);
                }
            });
            int[] idx = new int[r];
            int offY = 0;
            for (int o = 0; o < outer; o++) {
                y[offY] += rowSum[o];
                offY = nextRow(idx, xd, strideY, offY, r);
            }
        } else {
            // Each thread adds every row into its own block of columns.
            parallel.forRange(inner, outer, (j0, j1) -> {
                int[] idx = new int[r];
                int offY = 0;
                for (int o = 0; o < outer; o++) {
                    int xo = o * inner;
                    for (int j = j0; j < j1; j++) {
                        y[offY + j] += x[xo + j];
                    }
                    offY = nextRow(idx, xd, strideY, offY, r);
                }
            });
        }
    }

    /** Steps the outer index {@code idx} (axes 0..r-2 of dims) to the next row; returns the new offset. */
    private static int nextRow(int[] idx, int[] dims, int[] stride, int off, int r) {
        for (int i = r - 2; i >= 0; i--) {
            off += stride[i];
            if (++idx[i] < dims[i]) {
                return off;
            }
            idx[i] = 0;
            off -= stride[i] * dims[i];
        }
        return off;
    }

    @Override
    public void softmax(Storage xs, int rows, int cols, Storage ys, boolean log) {
        float[] x = f(xs), y = f(ys);
        parallel.forRange(rows, cols * 4L, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float max = Kernels.max(x, o, cols);
                if (log) {
                    float lse = max + (float) Math.log(Kernels.sumExp(x, o, cols, max, null, 0));
                    for (int j = 0; j < cols; j++) {
                        y[o + j] = x[o + j] - lse;
                    }
                } else {
                    float inv = 1 / Kernels.sumExp(x, o, cols, max, null, 0);
                    Kernels.scaledExp(x, o, cols, max, inv, y, o);
                }
            }
        });
    }

    @Override
    public void softmaxBackward(Storage ys, Storage gys, int rows, int cols, Storage gxs, boolean log) {
        float[] y = f(ys), gy = f(gys), gx = f(gxs);
        parallel.forRange(rows, cols * 3L, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                if (log) {
                    Kernels.logSoftmaxBackward(y, gy, o, cols, Kernels.sum(gy, o, cols), gx);
                } else {
                    double s = 0;
                    for (int j = 0; j < cols; j++) {
                        s += gy[o + j] * y[o + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        gx[o + j] = y[o + j] * (gy[o + j] - (float) s);
                    }
                }
            }
        });
    }

    /**
     * Each row's {@code lse = max + log sum e^(x - max)} and {@code loss = lse - x[label]}: two
     * passes over the logits and nothing written per class (the composed default writes the whole
     * log-softmax).
     */
    @Override
    public void crossEntropy(Storage xs, int rows, int cols, Storage ids, int ignoreIndex, Storage losses,
                             Storage valid, Storage lses) {
        float[] x = f(xs), loss = f(losses), v = f(valid), lse = f(lses);
        int[] id = ints(ids);
        parallel.forRange(rows, cols * 3L, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float max = Kernels.max(x, o, cols);
                lse[r] = max + (float) Math.log(Kernels.sumExp(x, o, cols, max, null, 0));
                if (id[r] == ignoreIndex) {
                    loss[r] = 0f;
                    v[r] = 0f;
                } else {
                    if (id[r] < 0 || id[r] >= cols) {
                        throw new IndexOutOfBoundsException("label " + id[r] + " outside 0.." + (cols - 1));
                    }
                    loss[r] = lse[r] - x[o + id[r]];
                    v[r] = 1f;
                }
            }
        });
    }

    /** {@code gx = g (e^(x - lse) - onehot)} per row, in one pass (one exp per logit). */
    @Override
    public void crossEntropyBackward(Storage xs, Storage lses, Storage ids, int rows, int cols, int ignoreIndex,
                                     Storage gLosses, Storage gxs) {
        float[] x = f(xs), lse = f(lses), g = f(gLosses), gx = f(gxs);
        int[] id = ints(ids);
        parallel.forRange(rows, cols * 2L, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                if (id[r] == ignoreIndex) {
                    Arrays.fill(gx, o, o + cols, 0f);
                } else {
                    Kernels.scaledExp(x, o, cols, lse[r], g[r], gx, o);
                    gx[o + id[r]] -= g[r];
                }
            }
        });
    }

    /**
     * One channel at a time (channels split between threads): the mean, the variance by a second
     * pass over the centred values, then y as one scale and shift; x is read three times.
     */
    @Override
    public void batchNorm(Storage xs, int outer, int channels, int inner, Storage gammas, Storage betas, float eps,
                          Storage ys, Storage means, Storage vars) {
        float[] x = f(xs), y = f(ys), gamma = f(gammas), beta = f(betas), mean = f(means), var = f(vars);
        long n = (long) outer * inner;
        int stride = channels * inner;
        parallel.forRange(channels, 3 * n, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                double s = 0;
                for (int o = 0, at = c * inner; o < outer; o++, at += stride) {
                    s += Kernels.sum(x, at, inner);
                }
                float m = n == 0 ? 0f : (float) (s / n);
                double q = 0;
                for (int o = 0, at = c * inner; o < outer; o++, at += stride) {
                    q += Kernels.squaredDeviations(x, at, inner, m);
                }
                float v = n == 0 ? 0f : (float) (q / n);
                float scale = gamma[c] / (float) Math.sqrt(v + eps), shift = beta[c] - m * scale;
                for (int o = 0, at = c * inner; o < outer; o++, at += stride) {
                    Kernels.scaleShift(x, at, inner, scale, shift, y);
                }
                mean[c] = m;
                var[c] = v;
            }
        });
    }

    /** Per channel: the two sums in one pass over gy and x, then gx as one combination of them. */
    @Override
    public void batchNormBackward(Storage xs, Storage gys, int outer, int channels, int inner, Storage gammas,
                                  Storage means, Storage vars, float eps, Storage gxs, Storage gGammas,
                                  Storage gBetas) {
        float[] x = f(xs), gy = f(gys), gamma = f(gammas), mean = f(means), var = f(vars), gx = f(gxs);
        float[] gGamma = f(gGammas), gBeta = f(gBetas);
        long n = (long) outer * inner;
        int stride = channels * inner;
        parallel.forRange(channels, 3 * n, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                float m = mean[c], inv = 1f / (float) Math.sqrt(var[c] + eps);
                double sg = 0, sgx = 0;
                for (int o = 0, at = c * inner; o < outer; o++, at += stride) {
                    sg += Kernels.sum(gy, at, inner);
                    sgx += Kernels.dotCentered(gy, x, at, inner, m);
                }
                float gb = (float) sg, gg = (float) (sgx * inv);
                gBeta[c] = gb;
                gGamma[c] = gg;
                // gx = a (gy - gb / n - (x - m) inv gg / n) = a gy + b x + k
                float a = gamma[c] * inv, perN = n == 0 ? 0f : 1f / n;
                float b = -a * inv * gg * perN, k = -a * gb * perN - b * m;
                for (int o = 0, at = c * inner; o < outer; o++, at += stride) {
                    Kernels.combine(gy, x, at, inner, a, b, k, gx);
                }
            }
        });
    }

    // ---- linear algebra ---------------------------------------------------------------------

    @Override
    public void matmul(Storage as, long strideA, boolean transA, Storage bs, long strideB, boolean transB,
                       Storage cs, long strideC, int batch, int m, int n, int k, boolean accumulate) {
        float[] a = f(as), b = f(bs), c = f(cs);
        for (int i = 0; i < batch; i++) {
            boolean acc = strideC == 0 ? accumulate || i > 0 : accumulate;
            Sgemm.gemm(a, (int) (i * strideA), transA, b, (int) (i * strideB), transB, c, (int) (i * strideC),
                    m, n, k, acc);
        }
    }

    // ---- movement ---------------------------------------------------------------------------

    @Override
    public void permute(Storage xs, int[] shape, int[] axes, Storage ys) {
        float[] x = f(xs), y = f(ys);
        int r = shape.length;
        if (y.length == 0) {
            return;
        }
        AxisLayout.Permutation perm = AxisLayout.Permutation.of(shape, axes);
        int[] od = perm.dims(), os = perm.inputStrides();
        int inner = od[r - 1], innerStride = os[r - 1];
        int outer = y.length / inner;
        parallel.forRange(outer, inner, (from, to) -> {
            for (int o = from; o < to; o++) {
                int rem = o, off = 0;
                for (int i = r - 2; i >= 0; i--) {
                    off += (rem % od[i]) * os[i];
                    rem /= od[i];
                }
                int yo = o * inner;
                for (int j = 0; j < inner; j++) {
                    y[yo + j] = x[off + j * innerStride];
                }
            }
        });
    }

    @Override
    public void copySlice(Storage src, int[] srcShape, int srcStart, Storage dst, int[] dstShape, int dstStart,
                          int axis, int length, boolean accumulate) {
        float[] s = f(src), d = f(dst);
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) {
            outer *= srcShape[i];
        }
        for (int i = axis + 1; i < srcShape.length; i++) {
            inner *= srcShape[i];
        }
        int block = length * inner, sAxis = srcShape[axis] * inner, dAxis = dstShape[axis] * inner;
        for (int o = 0; o < outer; o++) {
            int so = o * sAxis + srcStart * inner, dOff = o * dAxis + dstStart * inner;
            if (accumulate) {
                for (int j = 0; j < block; j++) {
                    d[dOff + j] += s[so + j];
                }
            } else {
                System.arraycopy(s, so, d, dOff, block);
            }
        }
    }

    // ---- indexing ---------------------------------------------------------------------------

    @Override
    public void gatherRows(Storage table, int cols, Storage ids, Storage out) {
        float[] t = f(table), o = f(out);
        int[] id = ints(ids);
        int rows = t.length / Math.max(1, cols);
        for (int i = 0; i < id.length; i++) {
            if (id[i] < 0 || id[i] >= rows) {
                throw new IndexOutOfBoundsException("id " + id[i] + " outside a table of " + rows + " rows");
            }
            System.arraycopy(t, id[i] * cols, o, i * cols, cols);
        }
    }

    @Override
    public void scatterAddRows(Storage src, Storage ids, int cols, Storage table) {
        float[] s = f(src), t = f(table);
        int[] id = ints(ids);
        for (int i = 0; i < id.length; i++) {
            int to = id[i] * cols, so = i * cols;
            for (int j = 0; j < cols; j++) {
                t[to + j] += s[so + j];
            }
        }
    }

    @Override
    public void topkRows(Storage xs, int rows, int cols, int k, Storage values, Storage ids) {
        float[] x = f(xs), v = f(values);
        int[] id = ints(ids);
        parallel.forRange(rows, (long) cols * k, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                TopK.row(x, r * cols, cols, k, v, id, r * k);
            }
        });
    }

    @Override
    public void pick(Storage xs, int rows, int cols, Storage ids, int ignoreIndex, Storage out, Storage valid) {
        float[] x = f(xs), o = f(out), v = f(valid);
        int[] id = ints(ids);
        for (int r = 0; r < rows; r++) {
            if (id[r] == ignoreIndex) {
                o[r] = 0f;
                v[r] = 0f;
            } else {
                if (id[r] < 0 || id[r] >= cols) {
                    throw new IndexOutOfBoundsException("label " + id[r] + " outside 0.." + (cols - 1));
                }
                o[r] = x[r * cols + id[r]];
                v[r] = 1f;
            }
        }
    }

    @Override
    public void pickBackward(Storage gys, Storage ids, int rows, int cols, int ignoreIndex, Storage gxs) {
        float[] gy = f(gys), gx = f(gxs);
        int[] id = ints(ids);
        Arrays.fill(gx, 0f);
        for (int r = 0; r < rows; r++) {
            if (id[r] != ignoreIndex) {
                gx[r * cols + id[r]] = gy[r];
            }
        }
    }

    // ---- random -----------------------------------------------------------------------------

    @Override
    public void randomUniform(Storage s, long seed, float lo, float hi) {
        float[] x = f(s);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
    }

    @Override
    public void randomNormal(Storage s, long seed, float mean, float std) {
        float[] x = f(s);
        SplittableRandom r = new SplittableRandom(seed);
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        for (int i = 0; i < x.length; i += 2) {
            double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
            double rad = Math.sqrt(-2 * Math.log(u1));
            x[i] = mean + std * (float) (rad * Math.cos(2 * Math.PI * u2));
            if (i + 1 < x.length) {
                x[i + 1] = mean + std * (float) (rad * Math.sin(2 * Math.PI * u2));
            }
        }
    }

    @Override
    public void randomBernoulli(Storage s, long seed, float p, float value) {
        float[] x = f(s);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < p ? value : 0f;
        }
    }

    // ---- convolution, pooling, fused ops ----------------------------------------------------

    @Override
    public void im2col(Storage x, ConvGeometry g, Storage cols) {
        conv.im2col(f(x), g, f(cols));
    }

    @Override
    public void col2im(Storage cols, ConvGeometry g, Storage x) {
        conv.col2im(f(cols), g, f(x));
    }

    @Override
    public void conv2d(Storage x, Storage w, int outChannels, ConvGeometry g, Storage y) {
        conv.forward(f(x), f(w), outChannels, g, f(y));
    }

    @Override
    public void conv2dBackwardInput(Storage gy, Storage w, int outChannels, ConvGeometry g, Storage gx) {
        conv.backwardInput(f(gy), f(w), outChannels, g, f(gx));
    }

    @Override
    public void conv2dBackwardWeight(Storage x, Storage gy, int outChannels, ConvGeometry g, Storage gw,
                                     boolean accumulate) {
        conv.backwardWeight(f(x), f(gy), outChannels, g, f(gw), accumulate);
    }

    @Override
    public void maxPool2d(Storage x, int batchChannels, int height, int width, int kernel, int stride,
                          Storage y, Storage argmax) {
        conv.maxPool(f(x), batchChannels, height, width, kernel, stride, f(y), ints(argmax));
    }

    @Override
    public void maxPool2dBackward(Storage gy, Storage argmax, Storage gx) {
        float[] g = f(gy), out = f(gx);
        int[] idx = ints(argmax);
        for (int i = 0; i < idx.length; i++) {
            out[idx[i]] += g[i];
        }
    }

    @Override
    public long lstmReserveLength(LstmGeometry g) {
        return CpuLstm.reserveLength(g);
    }

    @Override
    public void lstmForward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage bIh, Storage bHh,
                            Storage h0, Storage c0, int[] lengths, Storage y, Storage hT, Storage cT,
                            Storage reserve) {
        lstm.forward(g, f(x), f(wIh), f(wHh), f(bIh), f(bHh), f(h0), f(c0), lengths, f(y), f(hT), f(cT), f(reserve));
    }

    @Override
    public void lstmBackward(LstmGeometry g, Storage x, Storage wIh, Storage wHh, Storage h0, Storage c0,
                             int[] lengths, Storage reserve, Storage gy, Storage ghT, Storage gcT, Storage gx,
                             Storage gwIh, Storage gwHh, Storage gbIh, Storage gbHh, Storage gh0, Storage gc0) {
        lstm.backward(g, f(x), f(wIh), f(wHh), f(h0), f(c0), lengths, f(reserve), f(gy), f(ghT), f(gcT),
                f(gx), f(gwIh), f(gwHh), f(gbIh), f(gbHh), f(gh0), f(gc0));
    }

    @Override
    public void adamStep(Storage params, Storage grads, Storage ms, Storage vs, float lr, float beta1,
                         float beta2, float eps, long step) {
        float[] p = f(params), g = f(grads), m = f(ms), v = f(vs);
        float bc1 = (float) (1 - Math.pow(beta1, step));
        float rbc2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));
        float stepSize = lr / bc1;
        parallel.forRange(p.length, 8, (from, to) -> Kernels.adam(p, g, m, v, beta1, beta2, stepSize, rbc2, eps, from, to));
    }
}
