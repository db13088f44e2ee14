package org.shendu.word2vec;

/**
 * The three vector operations of the training and query loops: dot product, {@code y += g x} and
 * {@code y += x}. With {@code --add-modules jdk.incubator.vector} they run on {@link VectorKernels}
 * (measured about 2x faster training on an AVX2 machine); without it, on plain loops: the
 * updates auto-vectorise, and the dot product keeps eight independent sums. The choice is a
 * constant, so the JIT folds the branch away. {@code -Dshendu.vector=false} forces the plain loops.
 */
final class Kernels {
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("shendu.vector"));

    private Kernels() {}

    /** Which implementation runs, for reports: "vector API" or "scalar". */
    static String implementation() {
        return VECTOR_API ? "vector API" : "scalar";
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return VECTOR_API ? VectorKernels.dot(a, ao, b, bo, n) : scalarDot(a, ao, b, bo, n);
    }

    static void axpy(float g, float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR_API) {
            VectorKernels.axpy(g, x, xo, y, yo, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i] += g * x[xo + i];
            }
        }
    }

    /** e += g * w, then w += g * h, in one pass (w: an output-weight row, h: the hidden vector, e: its error). */
    static void updateRow(float g, float[] rows, int wo, float[] h, int ho, float[] e, int n) {
        if (VECTOR_API) {
            VectorKernels.updateRow(g, rows, wo, h, ho, e, n);
        } else {
            for (int i = 0; i < n; i++) {
                float w = rows[wo + i];
                e[i] += g * w;
                rows[wo + i] = w + g * h[ho + i];
            }
        }
    }

    static void add(float[] x, int xo, float[] y, int yo, int n) {
        if (VECTOR_API) {
            VectorKernels.add(x, xo, y, yo, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yo + i] += x[xo + i];
            }
        }
    }

    /**
     * Eight independent sums, because a single running sum is one long chain of dependent float
     * additions that the JIT may not reorder.
     */
    static float scalarDot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
            s4 += a[ao + i + 4] * b[bo + i + 4];
            s5 += a[ao + i + 5] * b[bo + i + 5];
            s6 += a[ao + i + 6] * b[bo + i + 6];
            s7 += a[ao + i + 7] * b[bo + i + 7];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
