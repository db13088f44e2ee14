package org.shendu.backend.cpu;

import org.shendu.core.DType;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.BackendProvider;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.Storage;
import org.shendu.core.spi.UnaryOp;

/**
 * A test-only device, {@code cpu-composed}: the CPU backend's primitives with none of its fused
 * ops (nor its unary derivatives), so the op suite checks the composed defaults a new backend (CUDA)
 * starts from.
 */
public final class ComposedBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "cpu-composed";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Backend load() {
        return new Primitives(new CpuBackend(1));
    }

    /** Forwards the primitives only; the fused ops fall back to the interface's composed defaults. */
    static final class Primitives implements Backend {
        private final Backend p;

        Primitives(Backend p) {
            this.p = p;
        }

        @Override public String name() { return "cpu-composed"; }
        @Override public String describe() { return "CPU primitives with composed fused ops"; }
        @Override public void setThreads(int threads) { p.setThreads(threads); }
        @Override public Storage allocate(DType dtype, long length) { return p.allocate(dtype, length); }
        @Override public Storage upload(float[] data) { return p.upload(data); }
        @Override public Storage upload(int[] data) { return p.upload(data); }
        @Override public float[] download(Storage s) { return p.download(s); }
        @Override public int[] downloadInts(Storage s) { return p.downloadInts(s); }
        @Override public void fill(Storage s, float v) { p.fill(s, v); }
        @Override public void copy(Storage a, long ao, Storage b, long bo, long n) { p.copy(a, ao, b, bo, n); }
        @Override public void unary(UnaryOp op, float alpha, Storage x, Storage y) { p.unary(op, alpha, x, y); }
        @Override public void binary(BinaryOp op, Storage a, int[] as, Storage b, int[] bs, Storage c, int[] cs) {
            p.binary(op, a, as, b, bs, c, cs);
        }
        @Override public void sumTo(Storage x, int[] xs, Storage y, int[] ys) { p.sumTo(x, xs, y, ys); }
        @Override public void softmax(Storage x, int r, int c, Storage y, boolean log) { p.softmax(x, r, c, y, log); }
        @Override public void softmaxBackward(Storage y, Storage gy, int r, int c, Storage gx, boolean log) {
            p.softmaxBackward(y, gy, r, c, gx, log);
        }
        @Override public void matmul(Storage a, long sa, boolean ta, Storage b, long sb, boolean tb, Storage c, long sc,
                                     int batch, int m, int n, int k, boolean acc) {
            p.matmul(a, sa, ta, b, sb, tb, c, sc, batch, m, n, k, acc);
        }
        @Override public void permute(Storage x, int[] shape, int[] axes, Storage y) { p.permute(x, shape, axes, y); }
        @Override public void copySlice(Storage s, int[] ss, int st, Storage d, int[] ds, int dt, int axis, int len, boolean acc) {
            p.copySlice(s, ss, st, d, ds, dt, axis, len, acc);
        }
        @Override public void gatherRows(Storage t, int cols, Storage ids, Storage out) { p.gatherRows(t, cols, ids, out); }
        @Override public void scatterAddRows(Storage src, Storage ids, int cols, Storage t) { p.scatterAddRows(src, ids, cols, t); }
        @Override public void pick(Storage x, int r, int c, Storage ids, int ig, Storage out, Storage valid) {
            p.pick(x, r, c, ids, ig, out, valid);
        }
        @Override public void pickBackward(Storage gy, Storage ids, int r, int c, int ig, Storage gx) {
            p.pickBackward(gy, ids, r, c, ig, gx);
        }
        @Override public void topkRows(Storage x, int r, int c, int k, Storage v, Storage ids) {
            p.topkRows(x, r, c, k, v, ids);
        }
        @Override public void randomUniform(Storage s, long seed, float lo, float hi) { p.randomUniform(s, seed, lo, hi); }
        @Override public void randomNormal(Storage s, long seed, float m, float sd) { p.randomNormal(s, seed, m, sd); }
        @Override public void randomBernoulli(Storage s, long seed, float pr, float v) { p.randomBernoulli(s, seed, pr, v); }
        @Override public void im2col(Storage x, ConvGeometry g, Storage cols) { p.im2col(x, g, cols); }
        @Override public void col2im(Storage cols, ConvGeometry g, Storage x) { p.col2im(cols, g, x); }
        @Override public void maxPool2d(Storage x, int bc, int h, int w, int k, int s, Storage y, Storage am) {
            p.maxPool2d(x, bc, h, w, k, s, y, am);
        }
        @Override public void maxPool2dBackward(Storage gy, Storage am, Storage gx) { p.maxPool2dBackward(gy, am, gx); }
    }
}
