package org.shendu.backend.cpu;

/**
 * The element-wise loops of the CPU backend: e^x, tanh and the sigmoid in float, the softmax rows,
 * the LSTM cell and Adam's update. With {@code --add-modules jdk.incubator.vector} (the launcher
 * {@code bin/shendu} passes it) they run on {@link VectorKernels}, 16 lanes at a time with AVX-512;
 * without it, on the plain loops here, which compute the same float operations in the same order.
 * The choice is a constant, so the JIT folds the branch away; {@code -Dshendu.vector=false} forces
 * the plain loops.
 */
final class Kernels {
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("shendu.vector"));

    // e^x = 2^n e^r with n = round(x / ln 2), r = x - n ln 2 (ln 2 in two parts, Cody and Waite).
    static final float LOG2E = 1.44269504f, ROUND = 12582912f, LN2_HI = 0.693145752f, LN2_LO = 1.42860677e-6f;
    static final float P3 = 0.166666672f, P4 = 0.0416666679f, P5 = 0.00833333377f, P6 = 0.00138888892f,
            P7 = 0.000198412701f;
    /** Past these e^x is infinite, or zero even as a subnormal float. */
    static final float EXP_HI = 88.72f, EXP_LO = -103.97f;

    // tanh x = x p(x^2) / q(x^2) on |x| <= 7.905 (beyond it tanh rounds to +-1 in float): the
    // rational minimax approximation Eigen uses, within 4e-7 of the exact value everywhere.
    static final float TANH_CLAMP = 7.90531110763549805f;
    static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
            A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f,
            A13 = -2.76076847742355e-16f;
    static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
            B6 = 1.19825839466702e-06f;

    private Kernels() {}

    /** Which implementation runs, for the backend's description: "vector API" or "scalar". */
    static String implementation() {
        return VECTOR_API ? "vector API" : "scalar loops";
    }

    // ---- the transcendental functions ------------------------------------------------------

    /**
     * e^x in float, within 2e-7 relative of the exact value: {@code 2^n e^r} with
     * {@code n = round(x / ln 2)} (rounded by adding 1.5 * 2^23), {@code r = x - n ln 2}, and e^r by
     * its Taylor series to degree 7 on |r| <= ln 2 / 2. 2^n is applied as two halves, so that
     * results near both ends of the range (subnormal, or 2^128 times a fraction) come out right.
     * About 2.5 times faster than {@code (float) Math.exp(x)}, and 10 times on vectors.
     */
    static float exp(float x) {
        if (x > EXP_HI) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < EXP_LO) {
            return 0f;
        }
        float t = x * LOG2E + ROUND;
        int n = Float.floatToRawIntBits(t) - 0x4B400000;
        float fn = t - ROUND;
        float r = x - fn * LN2_HI - fn * LN2_LO;
        float p = r * P7 + P6;
        p = r * p + P5;
        p = r * p + P4;
        p = r * p + P3;
        p = r * p + 0.5f;
        p = r * p + 1f;
        p = r * p + 1f;
        int half = n >> 1;
        return p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((n - half + 127) << 23);
    }

    static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    /** tanh in float (Math.tanh is no intrinsic on JDK 17 and costs several times more). */
    static float tanh(float x) {
        float xc = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP);
        float x2 = xc * xc;
        float p = x2 * A13 + A11;
        p = x2 * p + A9;
        p = x2 * p + A7;
        p = x2 * p + A5;
        p = x2 * p + A3;
        p = x2 * p + A1;
        p = xc * p;
        float q = x2 * B6 + B4;
        q = x2 * q + B2;
        q = x2 * q + B0;
        return p / q;
    }

    // ---- element-wise maps over [from, to) ---------------------------------------------------

    static void exp(float[] x, float[] y, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.exp(x, from, y, from, to - from);
        } else {
            for (int i = from; i < to; i++) {
                y[i] = exp(x[i]);
            }
        }
    }

    static void tanh(float[] x, float[] y, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.tanh(x, from, y, from, to - from);
        } else {
            for (int i = from; i < to; i++) {
                y[i] = tanh(x[i]);
            }
        }
    }

    static void sigmoid(float[] x, float[] y, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.sigmoid(x, from, y, from, to - from);
        } else {
            for (int i = from; i < to; i++) {
                y[i] = sigmoid(x[i]);
            }
        }
    }

    /** {@code y = x > 0 ? x : 0} (NaN and -infinity give 0, as before). */
    static void relu(float[] x, float[] y, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.relu(x, y, from, to);
        } else {
            for (int i = from; i < to; i++) {
                y[i] = x[i] > 0 ? x[i] : 0f;
            }
        }
    }

    static void reluBackward(float[] x, float[] gy, float[] gx, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.reluBackward(x, gy, gx, from, to);
        } else {
            for (int i = from; i < to; i++) {
                gx[i] = x[i] > 0 ? gy[i] : 0f;
            }
        }
    }

    /** {@code y = x > 0 ? x : slope x}. */
    static void leakyRelu(float[] x, float slope, float[] y, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.leakyRelu(x, slope, y, from, to);
        } else {
            for (int i = from; i < to; i++) {
                y[i] = x[i] > 0 ? x[i] : slope * x[i];
            }
        }
    }

    static void leakyReluBackward(float[] x, float[] gy, float slope, float[] gx, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.leakyReluBackward(x, gy, slope, gx, from, to);
        } else {
            for (int i = from; i < to; i++) {
                gx[i] = x[i] > 0 ? gy[i] : slope * gy[i];
            }
        }
    }

    static void tanhBackward(float[] y, float[] gy, float[] gx, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.tanhBackward(y, gy, gx, from, to);
        } else {
            for (int i = from; i < to; i++) {
                gx[i] = gy[i] * (1 - y[i] * y[i]);
            }
        }
    }

    static void sigmoidBackward(float[] y, float[] gy, float[] gx, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.sigmoidBackward(y, gy, gx, from, to);
        } else {
            for (int i = from; i < to; i++) {
                gx[i] = gy[i] * y[i] * (1 - y[i]);
            }
        }
    }

    // ---- rows: softmax and cross-entropy ---------------------------------------------------

    /** The largest of {@code x[o .. o+n)} (NaN if one is NaN). */
    static float max(float[] x, int o, int n) {
        if (VECTOR_API) {
            return VectorKernels.max(x, o, n);
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            m = Math.max(m, x[o + j]);
        }
        return m;
    }

    /** {@code sum_j e^(x[o+j] - shift)}, writing each term to {@code y[yo+j]} when y is not null. */
    static float sumExp(float[] x, int o, int n, float shift, float[] y, int yo) {
        if (VECTOR_API) {
            return VectorKernels.sumExp(x, o, n, shift, y, yo);
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            float e = exp(x[o + j] - shift);
            if (y != null) {
                y[yo + j] = e;
            }
            s += e;
        }
        return (float) s;
    }

    /** {@code y[yo+j] = scale e^(x[o+j] - shift)}: softmax rows and the cross-entropy's gradient. */
    static void scaledExp(float[] x, int o, int n, float shift, float scale, float[] y, int yo) {
        if (VECTOR_API) {
            VectorKernels.scaledExp(x, o, n, shift, scale, y, yo);
        } else {
            for (int j = 0; j < n; j++) {
                y[yo + j] = scale * exp(x[o + j] - shift);
            }
        }
    }

    /** {@code gx = gy - e^y s} on one row: the log-softmax's backward from its output y. */
    static void logSoftmaxBackward(float[] y, float[] gy, int o, int n, float s, float[] gx) {
        if (VECTOR_API) {
            VectorKernels.logSoftmaxBackward(y, gy, o, n, s, gx);
        } else {
            for (int j = 0; j < n; j++) {
                gx[o + j] = gy[o + j] - exp(y[o + j]) * s;
            }
        }
    }

    static float sum(float[] x, int o, int n) {
        if (VECTOR_API) {
            return VectorKernels.sum(x, o, n);
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += x[o + j];
        }
        return (float) s;
    }

    // ---- batch normalisation: per-channel sums and affine passes ---------------------------

    /** {@code sum_j (x[o+j] - mean)^2}: the variance's numerator, in a second pass for accuracy. */
    static float squaredDeviations(float[] x, int o, int n, float mean) {
        if (VECTOR_API) {
            return VectorKernels.squaredDeviations(x, o, n, mean);
        }
        float r = 0;
        for (int j = 0; j < n; j++) {
            float d = x[o + j] - mean;
            r += d * d;
        }
        return r;
    }

    /** {@code sum_j a[o+j] (b[o+j] - mean)}. */
    static float dotCentered(float[] a, float[] b, int o, int n, float mean) {
        if (VECTOR_API) {
            return VectorKernels.dotCentered(a, b, o, n, mean);
        }
        float r = 0;
        for (int j = 0; j < n; j++) {
            r += a[o + j] * (b[o + j] - mean);
        }
        return r;
    }

    /** {@code y[o+j] = x[o+j] scale + shift}. */
    static void scaleShift(float[] x, int o, int n, float scale, float shift, float[] y) {
        if (VECTOR_API) {
            VectorKernels.scaleShift(x, o, n, scale, shift, y);
        } else {
            for (int j = 0; j < n; j++) {
                y[o + j] = x[o + j] * scale + shift;
            }
        }
    }

    /** {@code z[o+j] = a x[o+j] + b y[o+j] + c}. */
    static void combine(float[] x, float[] y, int o, int n, float a, float b, float c, float[] z) {
        if (VECTOR_API) {
            VectorKernels.combine(x, y, o, n, a, b, c, z);
        } else {
            for (int j = 0; j < n; j++) {
                z[o + j] = a * x[o + j] + b * y[o + j] + c;
            }
        }
    }

    // ---- the LSTM cell ---------------------------------------------------------------------

    /**
     * One sequence's LSTM step: the gate pre-activations are {@code gates (h W_hh^T) + xg (x W_ih^T)
     * + bias}, in the order i, f, g, o; writes the activated gates to {@code reserve[ro..]},
     * {@code c = f c + i g} and {@code h = y = o tanh(c)}. The vector version leaves the
     * pre-activations in {@code gates}.
     */
    static void lstmCell(float[] gates, int go, float[] xg, int xo, float[] bias, float[] c, float[] h, int so,
                         float[] y, int yo, float[] reserve, int ro, int hidden) {
        if (VECTOR_API) {
            VectorKernels.lstmCell(gates, go, xg, xo, bias, c, h, so, y, yo, reserve, ro, hidden);
        } else {
            scalarLstmCell(gates, go, xg, xo, bias, c, h, so, y, yo, reserve, ro, hidden);
        }
    }

    static void scalarLstmCell(float[] gates, int go, float[] xg, int xo, float[] bias, float[] c, float[] h, int so,
                               float[] y, int yo, float[] reserve, int ro, int hidden) {
        int H = hidden;
        for (int j = 0; j < H; j++) {
            float ig = sigmoid(gates[go + j] + xg[xo + j] + bias[j]);
            float fg = sigmoid(gates[go + H + j] + xg[xo + H + j] + bias[H + j]);
            float gg = tanh(gates[go + 2 * H + j] + xg[xo + 2 * H + j] + bias[2 * H + j]);
            float og = sigmoid(gates[go + 3 * H + j] + xg[xo + 3 * H + j] + bias[3 * H + j]);
            reserve[ro + j] = ig;
            reserve[ro + H + j] = fg;
            reserve[ro + 2 * H + j] = gg;
            reserve[ro + 3 * H + j] = og;
            float cn = fg * c[so + j] + ig * gg;
            float hn = og * tanh(cn);
            c[so + j] = cn;
            h[so + j] = hn;
            y[yo + j] = hn;
        }
    }

    /**
     * One sequence's LSTM step backward: from the saved gates {@code reserve[ro..]}, the cell state
     * {@code reserve[cOff..]} and the previous one {@code cPrev[cpo..]}, and the incoming gradients
     * {@code dh + gy} (hidden) and {@code dc} (cell), writes the gate pre-activation gradients to
     * {@code dG[go..]} and the cell gradient for the step before into {@code dc}.
     */
    static void lstmCellBackward(float[] reserve, int ro, int cOff, float[] cPrev, int cpo, float[] dh, float[] gy,
                                 int gyo, float[] dc, int so, float[] dG, int go, int hidden) {
        if (VECTOR_API) {
            VectorKernels.lstmCellBackward(reserve, ro, cOff, cPrev, cpo, dh, gy, gyo, dc, so, dG, go, hidden);
        } else {
            scalarLstmCellBackward(reserve, ro, cOff, cPrev, cpo, dh, gy, gyo, dc, so, dG, go, hidden, 0);
        }
    }

    /** {@link #lstmCellBackward} for the units {@code [from, hidden)}. */
    static void scalarLstmCellBackward(float[] reserve, int ro, int cOff, float[] cPrev, int cpo, float[] dh,
                                       float[] gy, int gyo, float[] dc, int so, float[] dG, int go, int hidden,
                                       int from) {
        int H = hidden;
        for (int j = from; j < H; j++) {
            float ig = reserve[ro + j], fg = reserve[ro + H + j];
            float gg = reserve[ro + 2 * H + j], og = reserve[ro + 3 * H + j];
            float tc = tanh(reserve[cOff + j]);
            float cp = cPrev[cpo + j];
            float dht = dh[so + j] + gy[gyo + j];
            float dct = dc[so + j] + dht * og * (1 - tc * tc);
            dG[go + j] = dct * gg * ig * (1 - ig);
            dG[go + H + j] = dct * cp * fg * (1 - fg);
            dG[go + 2 * H + j] = dct * ig * (1 - gg * gg);
            dG[go + 3 * H + j] = dht * tc * og * (1 - og);
            dc[so + j] = dct * fg;
        }
    }

    // ---- Adam ------------------------------------------------------------------------------

    /**
     * Adam's update on {@code [from, to)}: {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
     * {@code p -= stepSize m / (sqrt(v) rbc2 + eps)} with the bias corrections folded into
     * {@code stepSize = lr / (1 - b1^t)} and {@code rbc2 = 1 / sqrt(1 - b2^t)}.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize,
                     float rbc2, float eps, int from, int to) {
        if (VECTOR_API) {
            VectorKernels.adam(p, g, m, v, beta1, beta2, stepSize, rbc2, eps, from, to);
        } else {
            scalarAdam(p, g, m, v, beta1, beta2, stepSize, rbc2, eps, from, to);
        }
    }

    static void scalarAdam(float[] p, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize,
                           float rbc2, float eps, int from, int to) {
        float c1 = 1 - beta1, c2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * mi / ((float) Math.sqrt(vi) * rbc2 + eps);
        }
    }
}
