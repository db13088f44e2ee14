package org.shendu.backend.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.shendu.core.spi.ConvGeometry;

/**
 * The convolutions of cnn_mnist, dcgan_mnist and dcgan64 on one thread, oneDNN beside im2col +
 * OpenBLAS: CPU milliseconds of the calling thread (so a loaded machine stretches both alike),
 * mean of six calls after one warm-up, for forward, backward data and backward weights. It sits in
 * the backend's package to reach both paths; compile it beside the backend's classes:
 *
 * <pre>
 *   mvn -o -q -pl backend-cpu -am package -DskipTests
 *   (cd backend-cpu && mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt)
 *   CP=backend-cpu/target/classes:$(cat /tmp/cp.txt)
 *   javac -cp $CP -d /tmp/convpaths bench/scripts/ConvPaths.java
 *   java -cp /tmp/convpaths:$CP org.shendu.backend.cpu.ConvPaths
 * </pre>
 */
public final class ConvPaths {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        System.setProperty("shendu.cpu.im2col", "true");
        CpuConvolution im2col = new CpuConvolution(new CpuBackend(1));
        DnnlConvolution dnnl = new DnnlConvolution(new Parallel(1));
        int[][] shapes = { // N C H W k s p O
                {128, 1, 28, 28, 5, 1, 2, 32}, {128, 32, 14, 14, 5, 1, 2, 64},            // cnn_mnist
                {128, 1, 28, 28, 4, 2, 1, 64}, {128, 64, 14, 14, 4, 2, 1, 128},           // dcgan_mnist
                {128, 3, 64, 64, 4, 2, 1, 64}, {128, 64, 32, 32, 4, 2, 1, 128},           // dcgan64
                {128, 128, 16, 16, 4, 2, 1, 256}, {128, 256, 8, 8, 4, 2, 1, 512},
                {128, 512, 4, 4, 4, 1, 0, 1}, {128, 512, 4, 4, 4, 1, 0, 100}};
        System.out.println("| N C H W k s p -> O | im2col fwd / bwd data / bwd weights (ms) | oneDNN (ms) |");
        System.out.println("|---|---|---|");
        for (int[] v : shapes) {
            ConvGeometry g = new ConvGeometry(v[0], v[1], v[2], v[3], v[4], v[4], v[5], v[6]);
            int o = v[7];
            Random r = new Random(1);
            float[] x = gaussian(r, g.batch() * g.channels() * g.height() * g.width());
            float[] w = gaussian(r, o * g.colRows()), gy = gaussian(r, g.batch() * o * g.colCols());
            float[] y = new float[gy.length], gx = new float[x.length], gw = new float[w.length];
            double[][] ms = new double[2][3];
            for (int rep = 0; rep < 7; rep++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                im2col.forward(x, w, o, g, y);
                long t1 = CPU.getCurrentThreadCpuTime();
                im2col.backwardInput(gy, w, o, g, gx);
                long t2 = CPU.getCurrentThreadCpuTime();
                im2col.backwardWeight(x, gy, o, g, gw, false);
                long t3 = CPU.getCurrentThreadCpuTime();
                dnnl.forward(x, w, o, g, y);
                long t4 = CPU.getCurrentThreadCpuTime();
                dnnl.backwardData(gy, w, o, g, gx);
                long t5 = CPU.getCurrentThreadCpuTime();
                dnnl.backwardWeights(x, gy, o, g, gw, false);
                long t6 = CPU.getCurrentThreadCpuTime();
                if (rep > 0) {
                    long[] t = {t0, t1, t2, t3, t4, t5, t6};
                    for (int k = 0; k < 3; k++) {
                        ms[0][k] += (t[k + 1] - t[k]) / 6e6;
                        ms[1][k] += (t[k + 4] - t[k + 3]) / 6e6;
                    }
                }
            }
            System.out.printf("| %d %d %d %d %d %d %d -> %d | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f |%n",
                    v[0], v[1], v[2], v[3], v[4], v[5], v[6], o, ms[0][0], ms[0][1], ms[0][2], ms[1][0], ms[1][1], ms[1][2]);
        }
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
