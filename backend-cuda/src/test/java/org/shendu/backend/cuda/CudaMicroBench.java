package org.shendu.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;
import org.shendu.core.DType;
import org.shendu.core.spi.BinaryOp;
import org.shendu.core.spi.Storage;

/**
 * The measurements the backend's choices wait for, on the GPU machine:
 * {@code java -cp '.gpu/lib/*' org.shendu.backend.cuda.CudaMicroBench}. Matrix products at the
 * workloads' shapes on our SGEMM kernel, on cuDNN 1x1 convolutions with FMA math, and with TF32
 * (which decides {@link CudnnGemm#MIN_MACS} and whether fp32 products should go to cuDNN too); the
 * bandwidth of an element-wise kernel; the cost of one launch. Prints {@code TIME} lines.
 */
public final class CudaMicroBench {
    private CudaMicroBench() {}

    /** Milliseconds per run of {@code work} on {@code be}'s stream, after one warm-up run. */
    static double time(CudaBackend be, Runnable work, int reps) {
        work.run();
        be.synchronize();
        CUevent start = new CUevent(), end = new CUevent();
        cuEventCreate(start, 0);
        cuEventCreate(end, 0);
        cuEventRecord(start, be.stream());
        for (int i = 0; i < reps; i++) {
            work.run();
        }
        cuEventRecord(end, be.stream());
        cuEventSynchronize(end);
        float[] ms = {0};
        cuEventElapsedTime(ms, start, end);
        return ms[0] / reps;
    }

    public static void main(String[] args) {
        CudaBackend fp32 = new CudaBackend(new CudaDevice(0), MathMode.FP32, true);
        CudaBackend tf32 = new CudaBackend(new CudaDevice(0), MathMode.TF32, true);
        System.out.println("device: " + fp32.describe());
        // {m, n, k, transA, transB}: char_lstm_poetry's Linear(256, 6000) over 4096 tokens (forward,
        // input gradient, weight gradient), cnn_mnist's fc1 at batch 128, dcgan_mnist's generator
        // input layer, and a square reference.
        int[][] shapes = {
            {4096, 6000, 256, 0, 1}, {4096, 256, 6000, 0, 0}, {6000, 256, 4096, 1, 0},
            {128, 1024, 3136, 0, 1}, {128, 3136, 1024, 0, 0}, {1024, 3136, 128, 1, 0},
            {128, 6272, 100, 0, 1},
            {4096, 4096, 4096, 0, 1},
        };
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            boolean ta = s[3] == 1, tb = s[4] == 1;
            try (Storage a = fp32.allocate(DType.FLOAT32, (long) m * k); Storage b = fp32.allocate(DType.FLOAT32, (long) k * n);
                 Storage c = fp32.allocate(DType.FLOAT32, (long) m * n);
                 Storage a2 = tf32.allocate(DType.FLOAT32, (long) m * k); Storage b2 = tf32.allocate(DType.FLOAT32, (long) k * n);
                 Storage c2 = tf32.allocate(DType.FLOAT32, (long) m * n)) {
                fp32.randomUniform(a, 1, -1, 1);
                fp32.randomUniform(b, 2, -1, 1);
                tf32.randomUniform(a2, 1, -1, 1);
                tf32.randomUniform(b2, 2, -1, 1);
                double flop = 2.0 * m * n * k;
                int reps = flop > 1e11 ? 5 : 20;
                double own = time(fp32, () -> fp32.matmul(a, 0, ta, b, 0, tb, c, 0, 1, m, n, k, false), reps);
                double fma = time(fp32, () -> fp32.gemm().multiply(CudaStorage.of(a).pointer(), ta,
                        CudaStorage.of(b).pointer(), tb, CudaStorage.of(c).pointer(), m, n, k, false), reps);
                double tf = time(tf32, () -> tf32.gemm().multiply(CudaStorage.of(a2).pointer(), ta,
                        CudaStorage.of(b2).pointer(), tb, CudaStorage.of(c2).pointer(), m, n, k, false), reps);
                System.out.printf("TIME gemm m=%d n=%d k=%d transA=%b transB=%b: sgemm %.3f ms (%.1f TFLOP/s), "
                                + "cudnn-fma %.3f ms (%.1f), cudnn-tf32 %.3f ms (%.1f)%n", m, n, k, ta, tb,
                        own, flop / own / 1e9, fma, flop / fma / 1e9, tf, flop / tf / 1e9);
            } catch (RuntimeException e) {
                System.out.println("TIME gemm " + java.util.Arrays.toString(s) + " failed: " + e.getMessage());
            }
        }
        int n = 1 << 26;
        int[] shape = {n};
        try (Storage x = fp32.allocate(DType.FLOAT32, n); Storage y = fp32.allocate(DType.FLOAT32, n);
             Storage z = fp32.allocate(DType.FLOAT32, n)) {
            double ms = time(fp32, () -> fp32.binary(BinaryOp.ADD, x, shape, y, shape, z, shape), 20);
            System.out.printf("TIME binary_same ADD 64M floats: %.3f ms = %.0f GB/s%n", ms, 3.0 * 4 * n / ms / 1e6);
        }
        try (Storage x = fp32.allocate(DType.FLOAT32, 32)) {
            int[] one = {32};
            double ms = time(fp32, () -> fp32.binary(BinaryOp.ADD, x, one, x, one, x, one), 2000);
            System.out.printf("TIME one small launch (queued, no sync): %.1f us%n", ms * 1000);
        }
        System.out.println("memory: " + fp32.memory());
    }
}
