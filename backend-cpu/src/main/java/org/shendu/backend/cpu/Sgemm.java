package org.shendu.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row-major single-precision matrix products {@code C = alpha op(A) op(B) + beta C} on float arrays
 * with offsets. OpenBLAS (the build ND4J 1.0.0-M2.1 ships, through JavaCPP) does the work: measured
 * on this 2-core machine it runs 37-78 GFLOP/s on one thread where a blocked pure-Java loop reaches
 * 2-4. When the native library cannot load, a plain Java loop keeps everything correct (slowly) and
 * the reason is logged.
 */
final class Sgemm {
    private static final Logger LOG = LoggerFactory.getLogger(Sgemm.class);
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
    private static final String NATIVE_PROBLEM;
    private static final String VERSION = "0.3.31";

    static {
        String problem = null;
        try {
            openblas_nolapack.blas_set_num_threads(1);
        } catch (Throwable e) {
            problem = e.toString();
            LOG.warn("OpenBLAS did not load, matrix products run in plain Java (slow): {}", e.toString());
        }
        NATIVE_PROBLEM = problem;
    }

    private Sgemm() {}

    static boolean nativeLoaded() {
        return NATIVE_PROBLEM == null;
    }

    static String describe() {
        return NATIVE_PROBLEM == null ? "OpenBLAS " + VERSION + " (JavaCPP)" : "plain-Java GEMM (" + NATIVE_PROBLEM + ")";
    }

    static void setThreads(int threads) {
        if (NATIVE_PROBLEM == null) {
            openblas_nolapack.blas_set_num_threads(threads);
        }
    }

    /**
     * {@code C[m, n] = op(A)[m, k] op(B)[k, n] (+ C when accumulate)}; A is stored {@code [m, k]} or
     * {@code [k, m]} when transposed, B {@code [k, n]} or {@code [n, k]}.
     */
    static void gemm(float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
                     float[] c, int cOff, int m, int n, int k, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            }
            return;
        }
        if (m == 1 && transB) {
            // One row times a transposed matrix (a layer on one sampled token): the staging copy of
            // B costs more than the product, so plain dot products over B in place run 2-3x faster.
            rowTimesTransposed(a, aOff, b, bOff, c, cOff, n, k, accumulate);
            return;
        }
        if (NATIVE_PROBLEM != null) {
            javaGemm(a, aOff, transA, b, bOff, transB, c, cOff, m, n, k, accumulate);
            return;
        }
        int lda = transA ? m : k, ldb = transB ? k : n;
        // JavaCPP would copy each Java array into native memory and back out after the call, all
        // three of them; staging through this thread's native buffers copies A and B in once and C
        // out once (in too only when accumulating).
        Staging st = STAGING.get();
        FloatPointer as = st.a.put(a, aOff, m * k), bs = st.b.put(b, bOff, k * n);
        FloatPointer cs = st.c.reserve(m * n);
        if (accumulate) {
            cs.put(c, cOff, m * n);
        }
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                m, n, k, 1f, as, lda, bs, ldb, accumulate ? 1f : 0f, cs, n);
        cs.get(c, cOff, m * n);
    }

    private static final ThreadLocal<Staging> STAGING = ThreadLocal.withInitial(Staging::new);

    /**
     * One thread's native copies of A, B and C, grown as needed and kept for the next call (so a
     * thread holds native memory for the largest product it has computed).
     */
    private static final class Staging {
        final Buffer a = new Buffer(), b = new Buffer(), c = new Buffer();
    }

    private static final class Buffer {
        private FloatPointer p = new FloatPointer(0L);

        FloatPointer reserve(long length) {
            long capacity = p.capacity();
            if (capacity < length) {
                p.close();
                p = new FloatPointer(Math.max(length, capacity * 3 / 2));
            }
            return p;
        }

        FloatPointer put(float[] x, int offset, int length) {
            return reserve(length).put(x, offset, length);
        }
    }

    /**
     * {@code c[j] (+)= sum_p a[p] b[j, p]} for a row a of length k and B stored {@code [n, k]}: four
     * rows of B at a time, so four independent sums keep the multiply-add units busy.
     */
    static void rowTimesTransposed(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int n, int k,
                                   boolean accumulate) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int r0 = bOff + j * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int p = 0; p < k; p++) {
                float av = a[aOff + p];
                s0 += av * b[r0 + p];
                s1 += av * b[r1 + p];
                s2 += av * b[r2 + p];
                s3 += av * b[r3 + p];
            }
            store(c, cOff + j, s0, accumulate);
            store(c, cOff + j + 1, s1, accumulate);
            store(c, cOff + j + 2, s2, accumulate);
            store(c, cOff + j + 3, s3, accumulate);
        }
        for (; j < n; j++) {
            int r = bOff + j * k;
            float s = 0;
            for (int p = 0; p < k; p++) {
                s += a[aOff + p] * b[r + p];
            }
            store(c, cOff + j, s, accumulate);
        }
    }

    private static void store(float[] c, int i, float v, boolean accumulate) {
        c[i] = accumulate ? c[i] + v : v;
    }

    static void javaGemm(float[] a, int aOff, boolean transA, float[] b, int bOff, boolean transB,
                         float[] c, int cOff, int m, int n, int k, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                if (av == 0f) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bOff + j * k + p];
                    }
                } else {
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            }
        }
    }
}
