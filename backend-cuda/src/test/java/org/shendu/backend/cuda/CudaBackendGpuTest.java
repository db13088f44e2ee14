package org.shendu.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.shendu.core.DType;
import org.shendu.core.Device;
import org.shendu.core.ShenduException;
import org.shendu.core.spi.Backend;
import org.shendu.core.spi.ConvGeometry;
import org.shendu.core.spi.LstmGeometry;
import org.shendu.core.spi.Storage;

/**
 * The CUDA backend against the CPU backend, primitive by primitive, at sizes the op suite does not
 * reach (several tiles of the SGEMM, batched and summed products, large reductions, cuDNN's
 * convolution and LSTM paths), plus the behaviours only a GPU has (status word, caching pool).
 */
@Tag("gpu")
class CudaBackendGpuTest {
    private static Backend gpu, cpu;
    private final Random random = new Random(3);

    @BeforeAll
    static void gpu() {
        String why = GpuAvailability.reason();
        assumeTrue(why == null, () -> "no GPU: " + why);
        gpu = Device.of("cuda").backend();
        cpu = Device.cpu().backend();
        System.out.println("GPU: " + gpu.describe());
    }

    private float[] randn(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
        return v;
    }

    /** max |a - b| / (1 + max |b|) */
    private static double relErr(float[] a, float[] b) {
        assertEquals(b.length, a.length);
        double d = 0, m = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            m = Math.max(m, Math.abs(b[i]));
        }
        return d / (1 + m);
    }

    private static void close(String what, float[] got, float[] want, double tol) {
        double e = relErr(got, want);
        System.out.printf("CHECK %s relErr %.2e%n", what, e);
        assertTrue(e <= tol, what + ": relErr " + e + " > " + tol);
    }

    @Test
    void matmulAgainstTheCpu() {
        int[][] shapes = {{1, 1, 1}, {65, 129, 17}, {200, 300, 150}, {64, 64, 64}, {3, 1000, 7}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                for (int batch : new int[] {1, 3}) {
                    for (boolean sumBatch : new boolean[] {false, true}) {
                        for (boolean acc : new boolean[] {false, true}) {
                            float[] a = randn(batch * m * k), b = randn(batch * k * n);
                            int cLen = (sumBatch ? 1 : batch) * m * n;
                            float[] c0 = randn(cLen);
                            float[][] out = new float[2][];
                            Backend[] bes = {cpu, gpu};
                            for (int i = 0; i < 2; i++) {
                                Backend be = bes[i];
                                try (Storage sa = be.upload(a); Storage sb = be.upload(b); Storage sc = be.upload(c0)) {
                                    be.matmul(sa, (long) m * k, ta, sb, (long) k * n, tb, sc, sumBatch ? 0 : (long) m * n,
                                            batch, m, n, k, acc);
                                    out[i] = be.download(sc);
                                }
                            }
                            close(String.format("matmul %dx%dx%d ta=%b tb=%b batch=%d sum=%b acc=%b", m, n, k, ta, tb,
                                    batch, sumBatch, acc), out[1], out[0], 1e-5);
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeReductionsAndSoftmax() {
        float[] x = randn(512 * 6000);
        try (Storage cx = cpu.upload(x); Storage gx = gpu.upload(x);
             Storage cy = cpu.allocate(DType.FLOAT32, 6000); Storage gy = gpu.allocate(DType.FLOAT32, 6000);
             Storage cs = cpu.allocate(DType.FLOAT32, x.length); Storage gs = gpu.allocate(DType.FLOAT32, x.length)) {
            cpu.sumTo(cx, new int[] {512, 6000}, cy, new int[] {1, 6000});
            gpu.sumTo(gx, new int[] {512, 6000}, gy, new int[] {1, 6000});
            close("sumTo [512,6000]->[1,6000]", gpu.download(gy), cpu.download(cy), 1e-5);
            for (boolean log : new boolean[] {false, true}) {
                cpu.softmax(cx, 512, 6000, cs, log);
                gpu.softmax(gx, 512, 6000, gs, log);
                close("softmax log=" + log, gpu.download(gs), cpu.download(cs), 1e-5);
            }
        }
    }

    @Test
    void convolutionThroughCudnn() {
        ConvGeometry[] gs = {new ConvGeometry(8, 3, 16, 16, 4, 4, 2, 1), new ConvGeometry(4, 16, 7, 7, 5, 5, 1, 2)};
        for (ConvGeometry g : gs) {
            int o = 12;
            float[] x = randn(g.batch() * g.channels() * g.height() * g.width());
            float[] w = randn(o * g.colRows());
            float[] gyv = randn(g.batch() * o * g.colCols());
            float[][] y = new float[2][], gx = new float[2][], gw = new float[2][];
            Backend[] bes = {cpu, gpu};
            for (int i = 0; i < 2; i++) {
                Backend be = bes[i];
                try (Storage sx = be.upload(x); Storage sw = be.upload(w); Storage sgy = be.upload(gyv);
                     Storage sy = be.allocate(DType.FLOAT32, gyv.length); Storage sgx = be.allocate(DType.FLOAT32, x.length);
                     Storage sgw = be.upload(w)) {
                    be.conv2d(sx, sw, o, g, sy);
                    be.conv2dBackwardInput(sgy, sw, o, g, sgx);
                    be.conv2dBackwardWeight(sx, sgy, o, g, sgw, true);
                    y[i] = be.download(sy);
                    gx[i] = be.download(sgx);
                    gw[i] = be.download(sgw);
                }
            }
            close("conv2d " + g, y[1], y[0], 1e-5);
            close("conv2dBackwardInput " + g, gx[1], gx[0], 1e-5);
            close("conv2dBackwardWeight (accumulate) " + g, gw[1], gw[0], 1e-5);
        }
    }

    @Test
    void lstmThroughCudnnMatchesTheCpu() {
        int[][] shapes = {{7, 5, 6, 16}, {5, 3, 4, 160}};
        for (int[] s : shapes) {
            for (int[] lengths : new int[][] {null, lengthsFor(s[1], s[0], false), lengthsFor(s[1], s[0], true)}) {
                LstmGeometry g = new LstmGeometry(s[0], s[1], s[2], s[3]);
                lstmCase(g, lengths);
            }
        }
    }

    private int[] lengthsFor(int batch, int steps, boolean withEmpty) {
        int[] l = new int[batch];
        for (int b = 0; b < batch; b++) l[b] = 1 + random.nextInt(steps);
        l[0] = steps;
        if (withEmpty) l[batch - 1] = 0;
        return l;
    }

    private void lstmCase(LstmGeometry g, int[] lengths) {
        int T = g.steps(), B = g.batch(), I = g.inputSize(), H = g.hiddenSize();
        float[] x = randn(T * B * I), wIh = scale(randn(4 * H * I), 0.3f), wHh = scale(randn(4 * H * H), 0.3f);
        float[] bIh = randn(4 * H), bHh = randn(4 * H), h0 = randn(B * H), c0 = randn(B * H);
        float[] gy = randn(T * B * H), ghT = randn(B * H), gcT = randn(B * H);
        float[][][] out = new float[2][][];
        Backend[] bes = {cpu, gpu};
        for (int i = 0; i < 2; i++) {
            Backend be = bes[i];
            Storage[] in = {be.upload(x), be.upload(wIh), be.upload(wHh), be.upload(bIh), be.upload(bHh),
                    be.upload(h0), be.upload(c0)};
            Storage y = be.allocate(DType.FLOAT32, (long) T * B * H), hT = be.allocate(DType.FLOAT32, (long) B * H),
                    cT = be.allocate(DType.FLOAT32, (long) B * H);
            Storage reserve = be.allocate(DType.FLOAT32, be.lstmReserveLength(g));
            be.lstmForward(g, in[0], in[1], in[2], in[3], in[4], in[5], in[6], lengths, y, hT, cT, reserve);
            Storage sgy = be.upload(gy), sghT = be.upload(ghT), sgcT = be.upload(gcT);
            Storage gx = be.allocate(DType.FLOAT32, x.length), gwIh = be.allocate(DType.FLOAT32, wIh.length),
                    gwHh = be.allocate(DType.FLOAT32, wHh.length), gbIh = be.allocate(DType.FLOAT32, 4L * H),
                    gbHh = be.allocate(DType.FLOAT32, 4L * H), gh0 = be.allocate(DType.FLOAT32, (long) B * H),
                    gc0 = be.allocate(DType.FLOAT32, (long) B * H);
            be.lstmBackward(g, in[0], in[1], in[2], in[5], in[6], lengths, reserve, sgy, sghT, sgcT, gx, gwIh, gwHh,
                    gbIh, gbHh, gh0, gc0);
            out[i] = new float[][] {be.download(y), be.download(hT), be.download(cT), be.download(gx),
                    be.download(gwIh), be.download(gwHh), be.download(gbIh), be.download(gbHh), be.download(gh0),
                    be.download(gc0)};
        }
        String[] names = {"y", "hT", "cT", "gx", "gwIh", "gwHh", "gbIh", "gbHh", "gh0", "gc0"};
        for (int k = 0; k < names.length; k++) {
            close("lstm " + g + " lengths " + java.util.Arrays.toString(lengths) + " " + names[k], out[1][k], out[0][k], 1e-4);
        }
    }

    private static float[] scale(float[] v, float s) {
        for (int i = 0; i < v.length; i++) v[i] *= s;
        return v;
    }

    /**
     * A second backend in TF32 mode: large products go through cuDNN 1x1 convolutions (all three
     * forms, and A^T B^T on the kernel), convolutions and the LSTM through cuDNN with TF32 allowed.
     * TF32 keeps 10 mantissa bits, so the tolerance is about 1e-3 of the largest value.
     */
    @Test
    void tf32ModeIsCloseToTheCpu() {
        try (CudaBackend tf32 = new CudaBackend(new CudaDevice(0), MathMode.TF32)) {
            System.out.println("TF32 backend: " + tf32.describe());
            // The second shape's batch strides (301 x 201 floats) leave the second matrix 4-byte
            // aligned only: cuDNN gets pointers that its tensor-core kernels may not accept.
            for (int[] shape : new int[][] {{300, 256, 200}, {301, 256, 201}}) {
                int m = shape[0], n = shape[1], k = shape[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                    for (boolean sum : new boolean[] {false, true}) {
                        int batch = 2;
                        float[] a = randn(batch * m * k), b = randn(batch * k * n), c0 = randn((sum ? 1 : batch) * m * n);
                        float[][] out = new float[2][];
                        Backend[] bes = {cpu, tf32};
                        for (int i = 0; i < 2; i++) {
                            try (Storage sa = bes[i].upload(a); Storage sb = bes[i].upload(b); Storage sc = bes[i].upload(c0)) {
                                bes[i].matmul(sa, (long) m * k, ta, sb, (long) k * n, tb, sc, sum ? 0 : (long) m * n, batch,
                                        m, n, k, true);
                                out[i] = bes[i].download(sc);
                            }
                        }
                        close(String.format("tf32 matmul %dx%dx%d ta=%b tb=%b sum=%b", m, n, k, ta, tb, sum), out[1], out[0],
                                5e-3);
                    }
                }
            }
            ConvGeometry g = new ConvGeometry(16, 32, 16, 16, 3, 3, 1, 1);
            float[] x = randn(16 * 32 * 16 * 16), w = randn(64 * g.colRows());
            float[][] y = new float[2][];
            Backend[] bes = {cpu, tf32};
            for (int i = 0; i < 2; i++) {
                try (Storage sx = bes[i].upload(x); Storage sw = bes[i].upload(w);
                     Storage sy = bes[i].allocate(DType.FLOAT32, 16L * 64 * 16 * 16)) {
                    bes[i].conv2d(sx, sw, 64, g, sy);
                    y[i] = bes[i].download(sy);
                }
            }
            close("tf32 conv2d " + g, y[1], y[0], 5e-3);
        }
    }

    @Test
    void badIdsAreReportedAtTheNextDownload() {
        // A [10, 2] table: id 12 is past its last row (an id below 10 would be valid).
        try (Storage table = gpu.upload(randn(20)); Storage ids = gpu.upload(new int[] {1, 12});
             Storage out = gpu.allocate(DType.FLOAT32, 4)) {
            gpu.gatherRows(table, 2, ids, out);
            ShenduException e = assertThrows(ShenduException.class, () -> gpu.download(out));
            assertTrue(e.getMessage().startsWith("gatherRows"), e.getMessage());
            gpu.download(out); // reported once, then cleared
        }
    }

    @Test
    void freedBlocksAreReused() {
        CudaBackend be = (CudaBackend) gpu;
        Storage a = be.allocate(DType.FLOAT32, 1000);
        a.close();
        String before = be.memory();
        Storage b = be.allocate(DType.FLOAT32, 900);
        System.out.println(before + " -> " + be.memory());
        b.close();
        assertThrows(IllegalStateException.class, () -> be.download(a));
    }
}
