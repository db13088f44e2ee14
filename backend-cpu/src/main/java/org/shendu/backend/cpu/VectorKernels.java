package org.shendu.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the JDK's incubating vector API: the same formulas, lane by lane, on the
 * widest vectors the processor has (16 floats with AVX-512). Loaded only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}; the tail of each loop (fewer than one vector)
 * runs on the scalar code, which computes the same float operations in the same order.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {}

    // ---- the transcendental functions ------------------------------------------------------

    /** {@link Kernels#exp} on a vector: 2^n e^r with 2^n applied in two halves (normal or not). */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(Kernels.EXP_LO).min(Kernels.EXP_HI);
        FloatVector t = xc.mul(Kernels.LOG2E).add(Kernels.ROUND);
        IntVector n = t.reinterpretAsInts().sub(0x4B400000);
        FloatVector fn = t.sub(Kernels.ROUND);
        FloatVector r = xc.sub(fn.mul(Kernels.LN2_HI)).sub(fn.mul(Kernels.LN2_LO));
        FloatVector p = r.mul(Kernels.P7).add(Kernels.P6);
        p = r.mul(p).add(Kernels.P5);
        p = r.mul(p).add(Kernels.P4);
        p = r.mul(p).add(Kernels.P3);
        p = r.mul(p).add(0.5f);
        p = r.mul(p).add(1f);
        p = r.mul(p).add(1f);
        IntVector half = n.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(s1).mul(s2);
        e = e.blend(0f, x.compare(VectorOperators.LT, Kernels.EXP_LO));
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, Kernels.EXP_HI));
    }

    /** {@link Kernels#tanh} on a vector: the odd rational approximation on the clamped argument. */
    static FloatVector tanh(FloatVector x) {
        FloatVector xc = x.max(-Kernels.TANH_CLAMP).min(Kernels.TANH_CLAMP);
        FloatVector x2 = xc.mul(xc);
        FloatVector p = x2.mul(Kernels.A13).add(Kernels.A11);
        p = x2.mul(p).add(Kernels.A9);
        p = x2.mul(p).add(Kernels.A7);
        p = x2.mul(p).add(Kernels.A5);
        p = x2.mul(p).add(Kernels.A3);
        p = x2.mul(p).add(Kernels.A1);
        p = xc.mul(p);
        FloatVector q = x2.mul(Kernels.B6).add(Kernels.B4);
        q = x2.mul(q).add(Kernels.B2);
        q = x2.mul(q).add(Kernels.B0);
        return p.div(q);
    }

    // ---- element-wise maps ----------------------------------------------------------------

    // Each loop below calls at most one of the functions above. C2 inlines a large callee only at
    // a hot call site and stops inlining once a method's graph is big; a vector op left as a call
    // boxes its vectors and runs ten times slower than the scalar code. One exp or tanh per loop,
    // called from the loop itself, keeps everything inlined.

    static void exp(float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            exp(FloatVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Kernels.exp(x[xo + j]);
        }
    }

    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            tanh(FloatVector.fromArray(S, x, xo + j)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Kernels.tanh(x[xo + j]);
        }
    }

    /** {@code 1 / (e^-x + 1)}, as {@link Kernels#sigmoid}. */
    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        int j = 0;
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int end = n - L; j <= end; j += L) {
            one.div(exp(FloatVector.fromArray(S, x, xo + j).neg()).add(one)).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = Kernels.sigmoid(x[xo + j]);
        }
    }

    /** {@code y = x > 0 ? x : 0}. */
    static void relu(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.blend(0f, v.compare(VectorOperators.GT, 0f).not()).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = x[i] > 0 ? x[i] : 0f;
        }
    }

    /** {@code gx = x > 0 ? gy : 0}. */
    static void reluBackward(float[] x, float[] gy, float[] gx, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector g = FloatVector.fromArray(S, gy, i);
            g.blend(0f, FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f).not()).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] = x[i] > 0 ? gy[i] : 0f;
        }
    }

    /** {@code y = x > 0 ? x : slope x}. */
    static void leakyRelu(float[] x, float slope, float[] y, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.blend(v.mul(slope), v.compare(VectorOperators.GT, 0f).not()).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
    }

    /** {@code gx = x > 0 ? gy : slope gy}. */
    static void leakyReluBackward(float[] x, float[] gy, float slope, float[] gx, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector g = FloatVector.fromArray(S, gy, i);
            FloatVector v = FloatVector.fromArray(S, x, i);
            g.blend(g.mul(slope), v.compare(VectorOperators.GT, 0f).not()).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] = x[i] > 0 ? gy[i] : slope * gy[i];
        }
    }

    /** {@code gx = gy (1 - y^2)}: tanh's derivative from its output. */
    static void tanhBackward(float[] y, float[] gy, float[] gx, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, gy, i).mul(v.mul(v).neg().add(1f)).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] = gy[i] * (1 - y[i] * y[i]);
        }
    }

    /** {@code gx = gy y (1 - y)}: the sigmoid's derivative from its output. */
    static void sigmoidBackward(float[] y, float[] gy, float[] gx, int from, int to) {
        int i = from;
        for (int end = to - L; i <= end; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            FloatVector.fromArray(S, gy, i).mul(v).mul(v.neg().add(1f)).intoArray(gx, i);
        }
        for (; i < to; i++) {
            gx[i] = gy[i] * y[i] * (1 - y[i]);
        }
    }

    // ---- rows: softmax and cross-entropy ---------------------------------------------------

    static float max(float[] x, int o, int n) {
        int j = 0;
        FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int end = n - L; j <= end; j += L) {
            m = m.max(FloatVector.fromArray(S, x, o + j));
        }
        float r = m.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            r = Math.max(r, x[o + j]);
        }
        return r;
    }

    /** {@code sum_j e^(x_j - shift)}, writing each term to y when y is not null. */
    static float sumExp(float[] x, int o, int n, float shift, float[] y, int yo) {
        int j = 0;
        FloatVector s = FloatVector.zero(S);
        for (int end = n - L; j <= end; j += L) {
            FloatVector e = exp(FloatVector.fromArray(S, x, o + j).sub(shift));
            if (y != null) {
                e.intoArray(y, yo + j);
            }
            s = s.add(e);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float e = Kernels.exp(x[o + j] - shift);
            if (y != null) {
                y[yo + j] = e;
            }
            r += e;
        }
        return r;
    }

    /** {@code y_j = scale e^(x_j - shift)}. */
    static void scaledExp(float[] x, int o, int n, float shift, float scale, float[] y, int yo) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            exp(FloatVector.fromArray(S, x, o + j).sub(shift)).mul(scale).intoArray(y, yo + j);
        }
        for (; j < n; j++) {
            y[yo + j] = scale * Kernels.exp(x[o + j] - shift);
        }
    }

    /** {@code gx_j = gy_j - e^(y_j) s}: log-softmax's backward from its output y. */
    static void logSoftmaxBackward(float[] y, float[] gy, int o, int n, float s, float[] gx) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            FloatVector e = exp(FloatVector.fromArray(S, y, o + j));
            FloatVector.fromArray(S, gy, o + j).sub(e.mul(s)).intoArray(gx, o + j);
        }
        for (; j < n; j++) {
            gx[o + j] = gy[o + j] - Kernels.exp(y[o + j]) * s;
        }
    }

    static float sum(float[] x, int o, int n) {
        int j = 0;
        FloatVector s = FloatVector.zero(S);
        for (int end = n - L; j <= end; j += L) {
            s = s.add(FloatVector.fromArray(S, x, o + j));
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            r += x[o + j];
        }
        return r;
    }

    // ---- batch normalisation -----------------------------------------------------------------

    static float squaredDeviations(float[] x, int o, int n, float mean) {
        int j = 0;
        FloatVector s = FloatVector.zero(S);
        for (int end = n - L; j <= end; j += L) {
            FloatVector d = FloatVector.fromArray(S, x, o + j).sub(mean);
            s = d.fma(d, s);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float d = x[o + j] - mean;
            r += d * d;
        }
        return r;
    }

    static float dotCentered(float[] a, float[] b, int o, int n, float mean) {
        int j = 0;
        FloatVector s = FloatVector.zero(S);
        for (int end = n - L; j <= end; j += L) {
            s = FloatVector.fromArray(S, a, o + j).fma(FloatVector.fromArray(S, b, o + j).sub(mean), s);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            r += a[o + j] * (b[o + j] - mean);
        }
        return r;
    }

    static void scaleShift(float[] x, int o, int n, float scale, float shift, float[] y) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            FloatVector.fromArray(S, x, o + j).fma(scale, shift).intoArray(y, o + j);
        }
        for (; j < n; j++) {
            y[o + j] = x[o + j] * scale + shift;
        }
    }

    static void combine(float[] x, float[] y, int o, int n, float a, float b, float c, float[] z) {
        int j = 0;
        for (int end = n - L; j <= end; j += L) {
            FloatVector.fromArray(S, x, o + j).mul(a).add(FloatVector.fromArray(S, y, o + j).fma(b, c))
                    .intoArray(z, o + j);
        }
        for (; j < n; j++) {
            z[o + j] = a * x[o + j] + b * y[o + j] + c;
        }
    }

    // ---- the LSTM cell ---------------------------------------------------------------------

    /**
     * {@link Kernels#lstmCell} on vectors, in three passes over the row (all in the L1 cache): the
     * pre-activations into {@code gates}, the four activations into {@code reserve}, then c and h.
     */
    static void lstmCell(float[] gates, int go, float[] xg, int xo, float[] bias, float[] c, float[] h, int so,
                         float[] y, int yo, float[] reserve, int ro, int hidden) {
        int H = hidden, G4 = 4 * H, j = 0;
        for (int end = G4 - L; j <= end; j += L) {
            FloatVector.fromArray(S, gates, go + j).add(FloatVector.fromArray(S, xg, xo + j))
                    .add(FloatVector.fromArray(S, bias, j)).intoArray(gates, go + j);
        }
        for (; j < G4; j++) {
            gates[go + j] = gates[go + j] + xg[xo + j] + bias[j];
        }
        sigmoid(gates, go, reserve, ro, 2 * H);
        tanh(gates, go + 2 * H, reserve, ro + 2 * H, H);
        sigmoid(gates, go + 3 * H, reserve, ro + 3 * H, H);
        j = 0;
        for (int end = H - L; j <= end; j += L) {
            FloatVector ig = FloatVector.fromArray(S, reserve, ro + j);
            FloatVector fg = FloatVector.fromArray(S, reserve, ro + H + j);
            FloatVector gg = FloatVector.fromArray(S, reserve, ro + 2 * H + j);
            FloatVector og = FloatVector.fromArray(S, reserve, ro + 3 * H + j);
            FloatVector cn = fg.mul(FloatVector.fromArray(S, c, so + j)).add(ig.mul(gg));
            FloatVector hn = og.mul(tanh(cn));
            cn.intoArray(c, so + j);
            hn.intoArray(h, so + j);
            hn.intoArray(y, yo + j);
        }
        for (; j < H; j++) {
            float ig = reserve[ro + j], fg = reserve[ro + H + j], gg = reserve[ro + 2 * H + j];
            float cn = fg * c[so + j] + ig * gg;
            float hn = reserve[ro + 3 * H + j] * Kernels.tanh(cn);
            c[so + j] = cn;
            h[so + j] = hn;
            y[yo + j] = hn;
        }
    }

    /** {@link Kernels#lstmCellBackward} on vectors. */
    static void lstmCellBackward(float[] reserve, int ro, int cOff, float[] cPrev, int cpo, float[] dh, float[] gy,
                                 int gyo, float[] dc, int so, float[] dG, int go, int hidden) {
        int H = hidden, j = 0;
        for (int end = H - L; j <= end; j += L) {
            FloatVector ig = FloatVector.fromArray(S, reserve, ro + j);
            FloatVector fg = FloatVector.fromArray(S, reserve, ro + H + j);
            FloatVector gg = FloatVector.fromArray(S, reserve, ro + 2 * H + j);
            FloatVector og = FloatVector.fromArray(S, reserve, ro + 3 * H + j);
            FloatVector tc = tanh(FloatVector.fromArray(S, reserve, cOff + j));
            FloatVector cp = FloatVector.fromArray(S, cPrev, cpo + j);
            FloatVector dht = FloatVector.fromArray(S, dh, so + j).add(FloatVector.fromArray(S, gy, gyo + j));
            FloatVector dct = FloatVector.fromArray(S, dc, so + j).add(dht.mul(og).mul(tc.mul(tc).neg().add(1f)));
            dct.mul(gg).mul(ig).mul(ig.neg().add(1f)).intoArray(dG, go + j);
            dct.mul(cp).mul(fg).mul(fg.neg().add(1f)).intoArray(dG, go + H + j);
            dct.mul(ig).mul(gg.mul(gg).neg().add(1f)).intoArray(dG, go + 2 * H + j);
            dht.mul(tc).mul(og).mul(og.neg().add(1f)).intoArray(dG, go + 3 * H + j);
            dct.mul(fg).intoArray(dc, so + j);
        }
        Kernels.scalarLstmCellBackward(reserve, ro, cOff, cPrev, cpo, dh, gy, gyo, dc, so, dG, go, H, j);
    }

    // ---- Adam ------------------------------------------------------------------------------

    /** {@link Kernels#adam} on vectors. */
    static void adam(float[] p, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize,
                     float rbc2, float eps, int from, int to) {
        int i = from;
        float c1 = 1 - beta1, c2 = 1 - beta2;
        for (int end = to - L; i <= end; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector pi = FloatVector.fromArray(S, p, i);
            pi.sub(mi.mul(stepSize).div(vi.sqrt().mul(rbc2).add(eps))).intoArray(p, i);
        }
        Kernels.scalarAdam(p, g, m, v, beta1, beta2, stepSize, rbc2, eps, i, to);
    }
}
