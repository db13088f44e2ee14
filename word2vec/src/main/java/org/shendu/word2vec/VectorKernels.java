package org.shendu.word2vec;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot loop's dot product and row updates written with the JDK's vector API (incubating in
 * Java 17), used when the JVM runs with {@code --add-modules jdk.incubator.vector}. C2 turns a plain
 * float dot product into a chain of dependent scalar additions (it keeps Java's strict evaluation
 * order); the vector form keeps SIMD-width partial sums with fused multiply-adds instead.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {}

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /** y[yo..yo+n) += g * x[xo..xo+n). */
    static void axpy(float g, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector gv = FloatVector.broadcast(S, g);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).fma(gv, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += g * x[xo + i];
        }
    }

    /**
     * The output-row update of one prediction in a single pass: e += g * w, then w += g * h, with
     * w = rows[wo..wo+n), h = h[ho..ho+n), e = e[0..n). Each w value is read once.
     */
    static void updateRow(float g, float[] rows, int wo, float[] h, int ho, float[] e, int n) {
        FloatVector gv = FloatVector.broadcast(S, g);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector w = FloatVector.fromArray(S, rows, wo + i);
            w.fma(gv, FloatVector.fromArray(S, e, i)).intoArray(e, i);
            FloatVector.fromArray(S, h, ho + i).fma(gv, w).intoArray(rows, wo + i);
        }
        for (; i < n; i++) {
            float w = rows[wo + i];
            e[i] += g * w;
            rows[wo + i] = w + g * h[ho + i];
        }
    }

    /** y[yo..yo+n) += x[xo..xo+n). */
    static void add(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += x[xo + i];
        }
    }
}
