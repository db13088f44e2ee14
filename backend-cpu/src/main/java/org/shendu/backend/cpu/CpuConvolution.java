package org.shendu.backend.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.shendu.core.spi.ConvGeometry;

/**
 * Convolution by oneDNN's direct kernels ({@link DnnlConvolution}) where the library loads and
 * accepts the geometry, else as im2col + one OpenBLAS product per group of images: the column
 * matrices of several images sit side by side ({@code [C kh kw, G oh ow]}) so each product is large
 * enough to run near the BLAS peak, while the buffer stays bounded (about 16 MB) however large the
 * batch.
 */
final class CpuConvolution {
    private static final int GROUP_FLOATS = 1 << 22;
    private final CpuBackend backend;
    private final DnnlConvolution dnnl;

    CpuConvolution(CpuBackend backend) {
        this.backend = backend;
        this.dnnl = DnnlConvolution.loaded() && !Boolean.getBoolean("shendu.cpu.im2col") ? new DnnlConvolution(backend.parallel) : null;
    }

    String describe() {
        return dnnl != null ? DnnlConvolution.describe()
                : DnnlConvolution.loaded() ? "im2col convolutions (-Dshendu.cpu.im2col)" : DnnlConvolution.describe();
    }

    private static int groupSize(ConvGeometry g) {
        long per = (long) g.colRows() * g.colCols();
        return (int) Math.max(1, Math.min(g.batch(), GROUP_FLOATS / Math.max(1, per)));
    }

    /**
     * Writes image n's columns into {@code cols} starting at {@code offset}; row r (a channel and
     * kernel offset) begins at {@code offset + r * rowStride}.
     */
    private void im2colImage(float[] x, ConvGeometry g, int n, float[] cols, int offset, int rowStride) {
        int C = g.channels(), H = g.height(), W = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int oh = g.outHeight(), ow = g.outWidth(), s = g.stride(), p = g.padding();
        backend.parallel.forRange(C, (long) kh * kw * oh * ow, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int xc = (n * C + c) * H * W;
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int row = offset + ((c * kh + ki) * kw + kj) * rowStride;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s - p + ki;
                            int dst = row + oy * ow;
                            if (iy < 0 || iy >= H) {
                                Arrays.fill(cols, dst, dst + ow, 0f);
                                continue;
                            }
                            int src = xc + iy * W;
                            if (s == 1) {
                                int lo = Math.min(ow, Math.max(0, p - kj)), hi = Math.min(ow, W + p - kj);
                                for (int ox = 0; ox < lo; ox++) cols[dst + ox] = 0f;
                                if (hi > lo) System.arraycopy(x, src + lo - p + kj, cols, dst + lo, hi - lo);
                                for (int ox = Math.max(lo, hi); ox < ow; ox++) cols[dst + ox] = 0f;
                            } else {
                                for (int ox = 0; ox < ow; ox++) {
                                    int ix = ox * s - p + kj;
                                    cols[dst + ox] = ix >= 0 && ix < W ? x[src + ix] : 0f;
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** Adds image n's columns back into {@code x}: the adjoint of {@link #im2colImage}. */
    private void col2imImage(float[] cols, int offset, int rowStride, ConvGeometry g, int n, float[] x) {
        int C = g.channels(), H = g.height(), W = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int oh = g.outHeight(), ow = g.outWidth(), s = g.stride(), p = g.padding();
        // Channels are disjoint in x, so threads never add into the same element.
        backend.parallel.forRange(C, (long) kh * kw * oh * ow, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int xc = (n * C + c) * H * W;
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int row = offset + ((c * kh + ki) * kw + kj) * rowStride;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * s - p + ki;
                            if (iy < 0 || iy >= H) {
                                continue;
                            }
                            int src = row + oy * ow, dst = xc + iy * W;
                            if (s == 1) {
                                int lo = Math.min(ow, Math.max(0, p - kj)), hi = Math.min(ow, W + p - kj);
                                int shift = dst - p + kj;
                                for (int ox = lo; ox < hi; ox++) {
                                    x[shift + ox] += cols[src + ox];
                                }
                            } else {
                                for (int ox = 0; ox < ow; ox++) {
                                    int ix = ox * s - p + kj;
                                    if (ix >= 0 && ix < W) {
                                        x[dst + ix] += cols[src + ox];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    void im2col(float[] x, ConvGeometry g, float[] cols) {
        int per = g.colRows() * g.colCols();
        for (int n = 0; n < g.batch(); n++) {
            im2colImage(x, g, n, cols, n * per, g.colCols());
        }
    }

    void col2im(float[] cols, ConvGeometry g, float[] x) {
        int per = g.colRows() * g.colCols();
        for (int n = 0; n < g.batch(); n++) {
            col2imImage(cols, n * per, g.colCols(), g, n, x);
        }
    }

    /** Copies images [n0, n0+G) of an {@code [N, rows, hw]} tensor into {@code [rows, G hw]}. */
    private static void gatherGroup(float[] src, int n0, int G, int rows, int hw, float[] dst) {
        for (int gi = 0; gi < G; gi++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, ((n0 + gi) * rows + r) * hw, dst, r * G * hw + gi * hw, hw);
            }
        }
    }

    private static void scatterGroup(float[] src, int n0, int G, int rows, int hw, float[] dst) {
        for (int gi = 0; gi < G; gi++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, r * G * hw + gi * hw, dst, ((n0 + gi) * rows + r) * hw, hw);
            }
        }
    }

    /**
     * The column matrices of the last forward pass, kept for the weight gradient of the same input
     * (which would otherwise unfold it again): keyed by the input array's identity and geometry,
     * taken (and dropped) by the backward pass. Tensors are immutable, so the same array holds the
     * same values.
     */
    private record Unfolded(float[] x, ConvGeometry g, List<float[]> groups) {}

    /** The most recent unfoldings, newest first, at most {@link #KEEP_FLOATS} floats in all. */
    private final java.util.ArrayDeque<Unfolded> unfolded = new java.util.ArrayDeque<>();
    private static final long KEEP_FLOATS = 1L << 26;

    private static long floats(Unfolded u) {
        return (long) u.g().colRows() * u.g().colCols() * u.g().batch();
    }

    private synchronized void remember(Unfolded u) {
        unfolded.addFirst(u);
        long total = 0;
        for (java.util.Iterator<Unfolded> it = unfolded.iterator(); it.hasNext(); ) {
            Unfolded e = it.next();
            total += floats(e);
            if (total > KEEP_FLOATS) {
                it.remove();
            }
        }
    }

    private synchronized List<float[]> take(float[] x, ConvGeometry g) {
        for (java.util.Iterator<Unfolded> it = unfolded.iterator(); it.hasNext(); ) {
            Unfolded e = it.next();
            if (e.x() == x && e.g().equals(g)) {
                it.remove();
                return e.groups();
            }
        }
        return null;
    }

    void forward(float[] x, float[] w, int O, ConvGeometry g, float[] y) {
        if (dnnl != null && dnnl.forward(x, w, O, g, y)) {
            return;
        }
        int G = groupSize(g), K = g.colRows(), hw = g.colCols();
        boolean keep = (long) K * hw * g.batch() <= KEEP_FLOATS;
        List<float[]> kept = keep ? new ArrayList<>() : null;
        float[] cols = null, out = null;
        for (int n0 = 0; n0 < g.batch(); n0 += G) {
            int gs = Math.min(G, g.batch() - n0);
            if (keep || cols == null || cols.length != K * gs * hw) {
                cols = new float[K * gs * hw];
            }
            if (out == null || out.length != O * gs * hw) {
                out = new float[O * gs * hw];
            }
            for (int gi = 0; gi < gs; gi++) {
                im2colImage(x, g, n0 + gi, cols, gi * hw, gs * hw);
            }
            Sgemm.gemm(w, 0, false, cols, 0, false, out, 0, O, gs * hw, K, false);
            scatterGroup(out, n0, gs, O, hw, y);
            if (keep) {
                kept.add(cols);
            }
        }
        if (keep) {
            remember(new Unfolded(x, g, kept));
        }
    }

    void backwardInput(float[] gy, float[] w, int O, ConvGeometry g, float[] gx) {
        // Measured (one thread, batch 128): with one or three input channels oneDNN's backward-data
        // kernel runs at 3-8 GFLOP/s, half the speed of the product + col2im below.
        if (dnnl != null && g.channels() >= 8 && dnnl.backwardData(gy, w, O, g, gx)) {
            return;
        }
        int G = groupSize(g), K = g.colRows(), hw = g.colCols();
        Arrays.fill(gx, 0f);
        float[] cols = null, gyg = null;
        for (int n0 = 0; n0 < g.batch(); n0 += G) {
            int gs = Math.min(G, g.batch() - n0);
            if (cols == null || cols.length != K * gs * hw) {
                cols = new float[K * gs * hw];
                gyg = new float[O * gs * hw];
            }
            gatherGroup(gy, n0, gs, O, hw, gyg);
            Sgemm.gemm(w, 0, true, gyg, 0, false, cols, 0, K, gs * hw, O, false);
            for (int gi = 0; gi < gs; gi++) {
                col2imImage(cols, gi * hw, gs * hw, g, n0 + gi, gx);
            }
        }
    }

    void backwardWeight(float[] x, float[] gy, int O, ConvGeometry g, float[] gw, boolean accumulate) {
        // Measured: with at most 16 output pixels (the DCGAN's 4x4 and 1x1 ends) one product over the
        // whole batch beats oneDNN's weight-gradient kernel by 1.3-3.7x.
        if (dnnl != null && g.colCols() > 16
                && dnnl.backwardWeights(x, gy, O, g, gw, accumulate)) {
            return;
        }
        int G = groupSize(g), K = g.colRows(), hw = g.colCols();
        float[] cols = null, gyg = null;
        boolean acc = accumulate;
        List<float[]> reuse = take(x, g);
        int group = 0;
        for (int n0 = 0; n0 < g.batch(); n0 += G) {
            int gs = Math.min(G, g.batch() - n0);
            if (gyg == null || gyg.length != O * gs * hw) {
                gyg = new float[O * gs * hw];
            }
            if (reuse != null) {
                cols = reuse.get(group++);
            } else {
                if (cols == null || cols.length != K * gs * hw) {
                    cols = new float[K * gs * hw];
                }
                for (int gi = 0; gi < gs; gi++) {
                    im2colImage(x, g, n0 + gi, cols, gi * hw, gs * hw);
                }
            }
            gatherGroup(gy, n0, gs, O, hw, gyg);
            Sgemm.gemm(gyg, 0, false, cols, 0, true, gw, 0, O, K, gs * hw, acc);
            acc = true;
        }
        if (!acc) {
            Arrays.fill(gw, 0f);
        }
    }

    void maxPool(float[] x, int planes, int H, int W, int k, int s, float[] y, int[] argmax) {
        int oh = (H - k) / s + 1, ow = (W - k) / s + 1;
        if (k == 2 && s == 2) {
            maxPool2x2(x, planes, H, W, y, argmax);
            return;
        }
        backend.parallel.forRange(planes, (long) oh * ow * k * k, (p0, p1) -> {
            for (int pl = p0; pl < p1; pl++) {
                int xo = pl * H * W, yo = pl * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int best = xo + oy * s * W + ox * s;
                        float bv = x[best];
                        for (int i = 0; i < k; i++) {
                            int row = xo + (oy * s + i) * W + ox * s;
                            for (int j = 0; j < k; j++) {
                                if (x[row + j] > bv) {
                                    bv = x[row + j];
                                    best = row + j;
                                }
                            }
                        }
                        y[yo + oy * ow + ox] = bv;
                        argmax[yo + oy * ow + ox] = best;
                    }
                }
            }
        });
    }

    /** The common 2x2 stride-2 window, unrolled: the general loop costs several times more here. */
    private void maxPool2x2(float[] x, int planes, int H, int W, float[] y, int[] argmax) {
        int oh = H / 2, ow = W / 2;
        backend.parallel.forRange(planes, (long) oh * ow * 4, (p0, p1) -> {
            for (int pl = p0; pl < p1; pl++) {
                int xo = pl * H * W, yo = pl * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    int r0 = xo + 2 * oy * W, r1 = r0 + W, yr = yo + oy * ow;
                    for (int ox = 0; ox < ow; ox++) {
                        int a = r0 + 2 * ox, b = a + 1, c = r1 + 2 * ox, d = c + 1;
                        int best = a;
                        float bv = x[a];
                        if (x[b] > bv) { bv = x[b]; best = b; }
                        if (x[c] > bv) { bv = x[c]; best = c; }
                        if (x[d] > bv) { bv = x[d]; best = d; }
                        y[yr + ox] = bv;
                        argmax[yr + ox] = best;
                    }
                }
            }
        });
    }
}
