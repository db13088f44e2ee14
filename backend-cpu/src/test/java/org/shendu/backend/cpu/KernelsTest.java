package org.shendu.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The element-wise kernels against float64 references: e^x over the whole float range, tanh, the
 * sigmoid, the softmax row loops, the LSTM cell forward and backward, Adam; and the vector-API
 * versions (the build runs the tests with the module) against the plain ones on lengths that
 * leave a scalar tail.
 */
class KernelsTest {
    private static final int[] LENGTHS = {0, 1, 7, 16, 17, 100, 6000};

    private static float[] uniform(SplittableRandom r, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return x;
    }

    @Test
    void expWithinTwoTenthsOfAMillionthWhereTheResultIsNormal() {
        double worst = 0;
        for (float x = -87.3f; x < 88.7f; x += 0.0013f) {
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(Kernels.exp(x) - want) / want);
        }
        assertTrue(worst < 2e-7, "largest relative error " + worst);
    }

    @Test
    void expUnderflowsGraduallyThroughSubnormals() {
        for (float x = -103.9f; x < -87.3f; x += 0.01f) {
            double want = Math.exp(x);
            assertEquals(want, Kernels.exp(x), Math.max(want * 1e-6, Float.MIN_VALUE * 2), "x = " + x);
        }
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1f, Kernels.exp(0f));
        assertEquals(0f, Kernels.exp(-200f));
        assertEquals(0f, Kernels.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, Kernels.exp(89f));
        assertEquals(Float.POSITIVE_INFINITY, Kernels.exp(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(Kernels.exp(Float.NaN)));
        assertEquals(0.5f, Kernels.sigmoid(0f));
        assertEquals(1f, Kernels.sigmoid(100f));
        assertEquals(0f, Kernels.sigmoid(-200f));
        assertEquals(0f, Kernels.tanh(0f));
        assertEquals(1f, Kernels.tanh(20f));
        assertEquals(-1f, Kernels.tanh(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Kernels.tanh(Float.NaN)));
    }

    @Test
    void tanhWithinFourTenthsOfAMillionth() {
        double worst = 0, worstSmall = 0;
        for (float x = -10f; x < 10f; x += 0.00037f) {
            double want = Math.tanh(x), err = Math.abs(Kernels.tanh(x) - want);
            worst = Math.max(worst, err);
            if (Math.abs(x) < 0.01f && x != 0) {
                worstSmall = Math.max(worstSmall, err / Math.abs(want));
            }
        }
        assertTrue(worst < 4e-7, "largest absolute error " + worst);
        assertTrue(worstSmall < 4e-7, "largest relative error near 0 " + worstSmall);
    }

    @Test
    void sigmoidWithinTwoTenthsOfAMillionthRelative() {
        double worst = 0;
        for (float x = -80f; x < 80f; x += 0.0031f) {
            double want = 1 / (1 + Math.exp(-(double) x));
            worst = Math.max(worst, Math.abs(Kernels.sigmoid(x) - want) / want);
        }
        assertTrue(worst < 3e-7, "largest relative error " + worst);
    }

    @Test
    void vectorMapsEqualThePlainOnes() {
        assumeTrue(Kernels.VECTOR_API, "run with --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(1);
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.71f, 88.73f, -103.96f,
            -103.98f, -95f, -87.4f, 0f, -0f, 1e-30f, -1e-30f, 7.9f, -7.91f, 30f, -30f};
        for (int n : LENGTHS) {
            float[] x = uniform(r, n + special.length, -40, 40);
            System.arraycopy(special, 0, x, n, special.length);
            int len = x.length;
            float[] got = new float[len], gy = uniform(r, len, -1, 1), got2 = new float[len];
            VectorKernels.exp(x, 0, got, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(Kernels.exp(x[i]), got[i], "exp(" + x[i] + ")");
            }
            VectorKernels.tanh(x, 0, got, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(Kernels.tanh(x[i]), got[i], "tanh(" + x[i] + ")");
            }
            VectorKernels.sigmoid(x, 0, got, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(Kernels.sigmoid(x[i]), got[i], "sigmoid(" + x[i] + ")");
            }
            VectorKernels.relu(x, got, 0, len);
            VectorKernels.leakyRelu(x, 0.2f, got2, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0f, got[i], "relu(" + x[i] + ")");
                assertEquals(x[i] > 0 ? x[i] : 0.2f * x[i], got2[i], "leaky relu(" + x[i] + ")");
            }
            VectorKernels.reluBackward(x, gy, got, 0, len);
            VectorKernels.leakyReluBackward(x, gy, 0.2f, got2, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(x[i] > 0 ? gy[i] : 0f, got[i], "relu' at " + x[i]);
                assertEquals(x[i] > 0 ? gy[i] : 0.2f * gy[i], got2[i], "leaky relu' at " + x[i]);
            }
            float[] y = uniform(r, len, -1, 1);
            VectorKernels.tanhBackward(y, gy, got, 0, len);
            VectorKernels.sigmoidBackward(y, gy, got2, 0, len);
            for (int i = 0; i < len; i++) {
                assertEquals(gy[i] * (1 - y[i] * y[i]), got[i], 1e-7);
                assertEquals(gy[i] * y[i] * (1 - y[i]), got2[i], 1e-7);
            }
        }
    }

    @Test
    void softmaxRowLoopsAgainstDoubles() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            int o = 3;
            float[] x = uniform(r, n + o, -20, 20);
            float[] gy = uniform(r, n + o, -1, 1);
            double max = Double.NEGATIVE_INFINITY, sumExp = 0, sum = 0;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[o + j]);
                sum += gy[o + j];
            }
            for (int j = 0; j < n; j++) {
                sumExp += Math.exp(x[o + j] - max);
            }
            assertEquals(max, Kernels.max(x, o, n));
            assertEquals(sum, Kernels.sum(gy, o, n), 1e-5 * n);
            float[] e = new float[n + o];
            assertEquals(sumExp, Kernels.sumExp(x, o, n, (float) max, e, o), sumExp * 1e-6);
            float[] scaled = new float[n + o], gx = new float[n + o];
            Kernels.scaledExp(x, o, n, (float) max, 0.5f, scaled, o);
            Kernels.logSoftmaxBackward(x, gy, o, n, 0.25f, gx);
            for (int j = 0; j < n; j++) {
                double ej = Math.exp(x[o + j] - (float) max); // the shift is a float subtraction
                assertEquals(ej, e[o + j], ej * 3e-7 + 1e-30);
                assertEquals(0.5 * ej, scaled[o + j], ej * 3e-7 + 1e-30);
                double gj = gy[o + j] - Math.exp(x[o + j]) * 0.25;
                assertEquals(gj, gx[o + j], Math.abs(gj) * 1e-6 + 1e-6);
            }
        }
    }

    @Test
    void lstmCellAgainstDoubles() {
        SplittableRandom r = new SplittableRandom(3);
        for (int hidden : new int[] {1, 5, 16, 33, 256}) {
            int H = hidden, go = 4 * H, xo = 8 * H, so = H, yo = 2 * H, ro = 4 * H;
            float[] gates = uniform(r, 8 * H, -3, 3), xg = uniform(r, 12 * H, -3, 3), bias = uniform(r, 4 * H, -1, 1);
            float[] gates0 = gates.clone(); // the vector version leaves the pre-activations there
            float[] c = uniform(r, 2 * H, -2, 2), c0 = c.clone();
            float[] h = new float[2 * H], y = new float[3 * H], reserve = new float[8 * H];
            Kernels.lstmCell(gates, go, xg, xo, bias, c, h, so, y, yo, reserve, ro, H);
            for (int j = 0; j < H; j++) {
                double[] a = new double[4];
                for (int k = 0; k < 4; k++) {
                    a[k] = (double) gates0[go + k * H + j] + xg[xo + k * H + j] + bias[k * H + j];
                }
                double ig = sig(a[0]), fg = sig(a[1]), gg = Math.tanh(a[2]), og = sig(a[3]);
                double cn = fg * c0[so + j] + ig * gg, hn = og * Math.tanh(cn);
                assertEquals(ig, reserve[ro + j], 1e-6);
                assertEquals(gg, reserve[ro + 2 * H + j], 1e-6);
                assertEquals(cn, c[so + j], 2e-6);
                assertEquals(hn, h[so + j], 2e-6);
                assertEquals(hn, y[yo + j], 2e-6);
            }
            // Backward from these saved gates: the reference is the chain rule in doubles.
            float[] cPrev = c0, dh = uniform(r, 2 * H, -1, 1), gy = uniform(r, 3 * H, -1, 1);
            float[] dc = uniform(r, 2 * H, -1, 1), dc0 = dc.clone(), dG = new float[8 * H];
            float[] saved = new float[8 * H + 2 * H];
            System.arraycopy(reserve, ro, saved, 0, 4 * H);
            System.arraycopy(c, so, saved, 8 * H, H);
            Kernels.lstmCellBackward(saved, 0, 8 * H, cPrev, so, dh, gy, yo, dc, so, dG, go, H);
            for (int j = 0; j < H; j++) {
                double ig = saved[j], fg = saved[H + j], gg = saved[2 * H + j], og = saved[3 * H + j];
                double tc = Math.tanh(saved[8 * H + j]);
                double dht = (double) dh[so + j] + gy[yo + j];
                double dct = dc0[so + j] + dht * og * (1 - tc * tc);
                assertEquals(dct * gg * ig * (1 - ig), dG[go + j], 2e-6);
                assertEquals(dct * cPrev[so + j] * fg * (1 - fg), dG[go + H + j], 2e-6);
                assertEquals(dct * ig * (1 - gg * gg), dG[go + 2 * H + j], 2e-6);
                assertEquals(dht * tc * og * (1 - og), dG[go + 3 * H + j], 2e-6);
                assertEquals(dct * fg, dc[so + j], 2e-6);
            }
        }
    }

    private static double sig(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    @Test
    void adamAgainstDoubles() {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : LENGTHS) {
            float[] p = uniform(r, n, -1, 1), g = uniform(r, n, -1, 1), m = uniform(r, n, -0.1, 0.1);
            float[] v = uniform(r, n, 0, 0.01);
            float[] p0 = p.clone(), m0 = m.clone(), v0 = v.clone();
            float b1 = 0.9f, b2 = 0.999f, lr = 1e-3f, eps = 1e-8f;
            int step = 3;
            double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
            Kernels.adam(p, g, m, v, b1, b2, (float) (lr / bc1), (float) (1 / Math.sqrt(bc2)), eps, 0, n);
            for (int i = 0; i < n; i++) {
                double mi = b1 * (double) m0[i] + (1 - (double) b1) * g[i];
                double vi = b2 * (double) v0[i] + (1 - (double) b2) * g[i] * g[i];
                double pi = p0[i] - lr * (mi / bc1) / (Math.sqrt(vi / bc2) + eps);
                assertEquals(mi, m[i], 1e-7);
                assertEquals(vi, v[i], 1e-8);
                assertEquals(pi, p[i], 1e-6);
            }
        }
    }
}
